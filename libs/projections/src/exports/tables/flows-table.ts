// The money between parties through their budgets, one row per edge of the graph.
import { fundingFlows, type FundingFlows } from '../../queries/funding-flows';
import { FLOW_KINDS_NL } from '../../vocabulary/nl';
import type { TableSource } from '../export-tables';
import { column, type Cell, type TableBody } from '../table';
import { rowsOf } from './rows';

const COLUMNS = [column('van-id'), column('van'), column('naar-id'), column('naar'), column('soort'), column('bedrag (EUR)', 'money')];

export function flowsTable({ reader, cut }: TableSource, year: number | undefined): TableBody {
  return { columns: COLUMNS, rows: rowsOf([fundingFlows(reader, cut, year === undefined ? {} : { year })], flowRows) };
}

function flowRows(flows: FundingFlows): Cell[][] {
  const names = new Map(flows.nodes.map((n) => [n.id, n.name]));
  return flows.edges.map((edge) => [edge.from, names.get(edge.from) ?? null, edge.to, names.get(edge.to) ?? null, FLOW_KINDS_NL[edge.kind] ?? edge.kind, edge.amount]);
}
