// The reporting rules the reports are computed with, read once from one folder (config/ in the
// repository): the Iv3 taakveld catalogue and economic categories, the rechtmatigheid thresholds
// and the SiSa regulations. Each loader refuses a bad file whole, so a wrong file stops a start.
import { join } from 'node:path';
import { loadIv3Catalogue, type Iv3Catalogue } from './iv3-catalogue';
import { loadIv3Categories, type Iv3Categories } from './iv3-categories';
import { loadRechtmatigheidRules, type RechtmatigheidRules } from './rechtmatigheid-thresholds';
import { loadSisaRules, type SisaRules } from './sisa-regulations';

export interface ReportRules {
  readonly taakvelden: Iv3Catalogue;
  readonly categories: Iv3Categories;
  readonly rechtmatigheid: RechtmatigheidRules;
  readonly sisa: SisaRules;
}

export const REPORT_RULE_FILES = {
  taakvelden: 'iv3-taakvelden.json',
  categories: 'iv3-categories.json',
  rechtmatigheid: 'rechtmatigheid.json',
  sisa: 'sisa.json',
} as const;

export function loadReportRules(dir: string): ReportRules {
  return {
    taakvelden: loadIv3Catalogue(join(dir, REPORT_RULE_FILES.taakvelden)),
    categories: loadIv3Categories(join(dir, REPORT_RULE_FILES.categories)),
    rechtmatigheid: loadRechtmatigheidRules(join(dir, REPORT_RULE_FILES.rechtmatigheid)),
    sisa: loadSisaRules(join(dir, REPORT_RULE_FILES.sisa)),
  };
}
