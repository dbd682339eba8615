// The dated rules the findings are derived with: the procurement thresholds (whose procedure is
// too light, what is split) and the Iv3 taakveld catalogue (a budget on a taakveld its year's
// catalogue does not list). Both are data files; the live projector, a rebuild and a verify must
// be given the same ones, or their findings (and the read models' digest) differ.
import { join } from 'node:path';
import { loadIv3Catalogue, type Iv3Catalogue } from '../reports/rules/iv3-catalogue';
import { REPORT_RULE_FILES } from '../reports/rules/report-rules';
import { loadProcurementThresholds, type ProcurementThresholds } from './procurement-thresholds';

export interface FindingRules {
  readonly procurement: ProcurementThresholds;
  readonly taakvelden: Iv3Catalogue;
}

export interface FindingRuleFiles {
  readonly thresholdsFile: string;
  readonly taakveldenFile: string;
}

export function loadFindingRules(files: FindingRuleFiles): FindingRules {
  return { procurement: loadProcurementThresholds(files.thresholdsFile), taakvelden: loadIv3Catalogue(files.taakveldenFile) };
}

/** The thresholds file, and the catalogue as kept beside the other reporting rules. */
export function findingRuleFiles(thresholdsFile: string, reportingRulesDir: string): FindingRuleFiles {
  return { thresholdsFile, taakveldenFile: join(reportingRulesDir, REPORT_RULE_FILES.taakvelden) };
}

/** The repository's config folder (for tests and benches). */
export const REPOSITORY_CONFIG_DIR = join(__dirname, '..', '..', '..', '..', 'config');

/** The rules as kept in the repository's config folder. */
export function repositoryFindingRules(): FindingRules {
  return loadFindingRules(findingRuleFiles(join(REPOSITORY_CONFIG_DIR, 'procurement-thresholds.json'), REPOSITORY_CONFIG_DIR));
}
