/**
 * A small SVG bar chart of the benchmark: one row per figure, the provider's bar beside its
 * baseline's, both scaled to the larger of the two, each labelled with its value. Plain SVG text,
 * so it renders on GitHub and diffs readably.
 */

/** One row: the provider's value and the baseline's, in the same unit (smaller is better). */
export interface ChartRow { figure: string; ours: number; baseline: number; baselineName: string; unit: string }

const WIDTH = 760;
const LABEL = 250;
const BAR_MAX = 380;
const ROW = 50;
const TOP = 44;

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function formatValue(value: number, unit: string): string {
  const rounded = Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
  return `${rounded.toLocaleString("en-US")} ${unit}`;
}

export function barChart(title: string, rows: ChartRow[]): string {
  const height = TOP + rows.length * ROW + 30;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="12" y="22" font-size="15" font-weight="bold">${escape(title)}</text>`,
    `<rect x="${LABEL}" y="30" width="10" height="10" fill="#2b7bb9"/><text x="${LABEL + 14}" y="39">this provider</text>`,
    `<rect x="${LABEL + 110}" y="30" width="10" height="10" fill="#c8ccd1"/><text x="${LABEL + 124}" y="39">baseline (named under each row)</text>`,
  ];
  rows.forEach((row, i) => {
    const y = TOP + i * ROW + 6;
    const scale = BAR_MAX / Math.max(row.ours, row.baseline, 1e-9);
    const ours = Math.max(1, row.ours * scale);
    const base = Math.max(1, row.baseline * scale);
    parts.push(
      `<text x="12" y="${y + 12}">${escape(row.figure)}</text>`,
      `<text x="12" y="${y + 28}" fill="#666" font-size="10">vs ${escape(row.baselineName)}</text>`,
      `<rect x="${LABEL}" y="${y}" width="${ours.toFixed(1)}" height="16" fill="#2b7bb9"/>`,
      `<text x="${(LABEL + ours + 4).toFixed(1)}" y="${y + 12}">${escape(formatValue(row.ours, row.unit))}</text>`,
      `<rect x="${LABEL}" y="${y + 18}" width="${base.toFixed(1)}" height="16" fill="#c8ccd1"/>`,
      `<text x="${(LABEL + base + 4).toFixed(1)}" y="${y + 30}">${escape(formatValue(row.baseline, row.unit))}</text>`,
    );
  });
  parts.push(`<text x="12" y="${height - 10}" fill="#666" font-size="10">Smaller is better. Measured by npm run bench on one machine, same process and simulator for each pair.</text>`, "</svg>");
  return parts.join("\n") + "\n";
}
