// The two kinds of chart the pages draw, with ECharts (tree-shaken: sankey, bars, canvas).
// Each chart is given its data as text too: the container carries it in `data-chart`, and the
// page shows the same figures in a table beside it, for screen readers and for checking.
import { BarChart, SankeyChart, type BarSeriesOption, type SankeySeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import { format, init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { chartValue, count, euro } from './format';

use([SankeyChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = ComposeOption<SankeySeriesOption | BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
export const COLOURS = { funder: '#01689b', budget: '#7fb2cc', programme: '#154273', allocated: '#b9cfe0', realised: '#154273', committed: '#e17000', overrun: '#d52b1e' };

const live = new Set<ECharts>();
addEventListener('resize', () => live.forEach((chart) => chart.resize()));

/** Charts of the page being left: their canvases and listeners go with them. */
export function disposeCharts(): void {
  live.forEach((chart) => chart.dispose());
  live.clear();
}

function draw(container: HTMLElement, option: Option, data: unknown): ECharts {
  container.dataset.chart = JSON.stringify(data);
  const chart = init(container, null, { renderer: 'canvas', locale: 'EN' });
  chart.setOption({ textStyle: { fontFamily: FONT }, animation: false, ...option });
  live.add(chart);
  return chart;
}

export interface FlowNode {
  readonly key: string;
  readonly label: string;
  readonly column: 'funder' | 'budget' | 'programme';
}

export interface FlowLink {
  readonly from: string;
  readonly to: string;
  /** Money string, two decimals. */
  readonly amount: string;
}

/**
 * A Sankey: funders on the left (named to their left), budgets in the middle (named above),
 * the programme on the right (named to its right), the amount on every link.
 */
export function sankey(container: HTMLElement, nodes: readonly FlowNode[], links: readonly FlowLink[]): ECharts {
  const label = new Map(nodes.map((n) => [n.key, n.label]));
  const data = links.map((l) => ({ from: label.get(l.from), to: label.get(l.to), amount: l.amount }));
  const side = { funder: 'left', budget: 'top', programme: 'right' } as const;
  const columnWidthPx = Math.max(container.clientWidth, 600);
  const sideLabelWidthPx = Math.round(columnWidthPx * 0.2);
  return draw(
    container,
    {
      tooltip: {
        trigger: 'item',
        formatter: (params) => {
          const p = params as unknown as { dataType: string; data: { source?: string; target?: string; name?: string; amount?: string } };
          return p.dataType === 'edge' ? `${label.get(p.data.source!)} → ${label.get(p.data.target!)}: ${euro(p.data.amount!)}` : (label.get(p.data.name!) ?? '');
        },
      },
      series: [
        {
          type: 'sankey',
          left: sideLabelWidthPx + 12,
          right: sideLabelWidthPx + 12,
          top: 36,
          bottom: 12,
          nodeWidth: 16,
          nodeGap: 44,
          nodeAlign: 'left',
          layoutIterations: 0,
          draggable: false,
          emphasis: { focus: 'adjacency' },
          data: nodes.map((n) => ({
            name: n.key,
            depth: ['funder', 'budget', 'programme'].indexOf(n.column),
            itemStyle: { color: COLOURS[n.column], borderWidth: 0 },
            label: { position: side[n.column], width: n.column === 'budget' ? sideLabelWidthPx * 1.6 : sideLabelWidthPx, align: n.column === 'funder' ? 'right' : n.column === 'budget' ? 'center' : 'left' },
          })),
          links: links.map((l) => ({ source: l.from, target: l.to, value: chartValue(l.amount), amount: l.amount })),
          lineStyle: { color: 'gradient', opacity: 0.3, curveness: 0.5 },
          label: { fontSize: 13, color: '#1a1a1a', overflow: 'break', lineHeight: 17, formatter: (p) => label.get(String(p.name)) ?? String(p.name) },
          edgeLabel: {
            show: true,
            fontSize: 12,
            fontWeight: 'bold',
            color: '#1a1a1a',
            backgroundColor: 'rgba(255,255,255,0.85)',
            padding: [2, 4],
            borderRadius: 3,
            formatter: (p) => euro((p.data as { amount: string }).amount),
          },
        },
      ],
    },
    data,
  );
}

export interface BarRow {
  readonly label: string;
  /** Per series name, a money string. */
  readonly values: Readonly<Record<string, string>>;
  readonly marked?: boolean;
}

export interface BarSeries {
  readonly name: string;
  readonly colour: string;
  /** Series with the same stack lie end to end (committed after realised). */
  readonly stack?: string;
}

/**
 * Horizontal bars, one row per label, amounts at the bar ends (inside a stacked segment when
 * it is wide enough to hold one); marked rows in red. The chart is as tall as its rows need.
 */
export function bars(container: HTMLElement, rows: readonly BarRow[], series: readonly BarSeries[]): ECharts {
  const labels = rows.map((r) => r.label);
  const marked = new Set(rows.filter((r) => r.marked).map((r) => r.label));
  const barsPerRow = new Set(series.map((s) => s.stack ?? s.name)).size;
  container.style.height = `${rows.length * (barsPerRow * 24 + 22) + (series.length > 1 ? 74 : 44)}px`;
  const longest = Math.max(1, ...rows.flatMap((r) => Object.values(r.values).map(chartValue)));
  return draw(
    container,
    {
      legend: { show: series.length > 1, top: 0, left: 0, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 12 } },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        // The amounts as the API gave them, not the bar lengths read back from a float.
        formatter: (params) => {
          const items = params as unknown as readonly { seriesName: string; dataIndex: number; marker: string }[];
          const row = rows[items[0]?.dataIndex ?? 0];
          const lines = items.map((i) => `${i.marker} ${format.encodeHTML(i.seriesName)}: ${euro(row.values[i.seriesName] ?? '0.00')}`);
          return [format.encodeHTML(row.label), ...lines].join('<br/>');
        },
      },
      grid: { left: 8, right: 130, top: series.length > 1 ? 36 : 8, bottom: 8, containLabel: true },
      // Ticks of the scale, whole euros: positions on an axis, not amounts of the ledger.
      xAxis: { type: 'value', axisLabel: { formatter: (value: number) => `€ ${count(value)}` } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: labels,
        axisLabel: {
          fontSize: 12,
          width: 220,
          overflow: 'truncate',
          formatter: (value: string) => (marked.has(value) ? `{marked|⚠ ${value}}` : value),
          rich: { marked: { color: COLOURS.overrun, fontWeight: 'bold' } },
        },
      },
      series: series.map(
        (s): BarSeriesOption => ({
          type: 'bar',
          name: s.name,
          stack: s.stack,
          barMaxWidth: 22,
          itemStyle: { color: s.colour },
          label: {
            show: true,
            position: s.stack ? 'insideRight' : 'right',
            fontSize: 11,
            color: s.stack ? '#fff' : '#1a1a1a',
            formatter: (p) => {
              const amount = rows[p.dataIndex].values[s.name];
              if (!amount || amount === '0.00') return '';
              // A stacked segment shorter than about a label's width would cut its label off.
              return s.stack && Math.abs(chartValue(amount)) < longest * 0.14 ? '' : euro(amount);
            },
          },
          data: rows.map((r) => ({
            value: r.values[s.name] === undefined ? 0 : chartValue(r.values[s.name]),
            itemStyle: r.marked && s.stack ? { color: s.colour, borderColor: COLOURS.overrun, borderWidth: 2 } : undefined,
          })),
        }),
      ),
    },
    rows,
  );
}

export interface GraphNode {
  readonly key: string;
  readonly label: string;
  readonly kind: 'party' | 'budget';
}

/**
 * A Sankey of a graph whose columns follow from its links (funders, budgets, budgets they
 * transfer to, parties paid): ECharts lays the columns out itself. The graph must have no cycle,
 * so a party that both funds and is paid is given as two nodes by the caller.
 */
export function graphSankey(container: HTMLElement, nodes: readonly GraphNode[], links: readonly FlowLink[]): ECharts {
  const label = new Map(nodes.map((n) => [n.key, n.label]));
  container.style.height = `${Math.max(320, nodes.length * 34)}px`;
  return draw(
    container,
    {
      tooltip: {
        trigger: 'item',
        formatter: (params) => {
          const p = params as unknown as { dataType: string; data: { source?: string; target?: string; name?: string; amount?: string } };
          return p.dataType === 'edge' ? format.encodeHTML(`${label.get(p.data.source!)} → ${label.get(p.data.target!)}: ${euro(p.data.amount!)}`) : format.encodeHTML(label.get(p.data.name!) ?? '');
        },
      },
      series: [
        {
          type: 'sankey',
          left: 8,
          right: 180,
          top: 12,
          bottom: 12,
          nodeWidth: 14,
          nodeGap: 14,
          draggable: false,
          emphasis: { focus: 'adjacency' },
          data: nodes.map((n) => ({ name: n.key, itemStyle: { color: n.kind === 'party' ? COLOURS.funder : COLOURS.budget, borderWidth: 0 } })),
          links: links.map((l) => ({ source: l.from, target: l.to, value: chartValue(l.amount), amount: l.amount })),
          lineStyle: { color: 'gradient', opacity: 0.3, curveness: 0.5 },
          label: { fontSize: 13, color: '#1a1a1a', width: 170, overflow: 'truncate', formatter: (p) => label.get(String(p.name)) ?? String(p.name) },
        },
      ],
    },
    links.map((l) => ({ from: label.get(l.from), to: label.get(l.to), amount: l.amount })),
  );
}
