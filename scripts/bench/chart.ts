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

/** One line of a curve chart: its points in order, each labelled (e.g. the install it measures). */
export interface CurveSeries { name: string; color: string; points: { x: number; y: number; label: string }[] }

const CURVE = { width: 760, height: 480, left: 70, right: 30, top: 56, bottom: 70 };

/** Ticks 1, 2, 5 × 10^k covering [min, max]. */
function logTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let exp = Math.floor(Math.log10(min)); exp <= Math.ceil(Math.log10(max)); exp++) {
    for (const m of [1, 2, 5]) {
      const tick = m * 10 ** exp;
      if (tick >= min && tick <= max) ticks.push(tick);
    }
  }
  return ticks;
}

const tickText = (value: number) => (value >= 1 ? value.toLocaleString("en-US") : String(Number(value.toPrecision(2))));

/**
 * A line chart on log–log axes (both quantities span orders of magnitude): one polyline per
 * series, each point marked and labelled. Plain SVG text, like `barChart`.
 */
export function curveChart(title: string, xLabel: string, yLabel: string, series: CurveSeries[], note: string): string {
  const { width, height, left, right, top, bottom } = CURVE;
  const all = series.flatMap((s) => s.points).filter((p) => p.x > 0 && p.y > 0);
  const bounds = (values: number[]) => {
    const lo = 10 ** Math.floor(Math.log10(Math.min(...values)));
    const hi = 10 ** Math.ceil(Math.log10(Math.max(...values)));
    return [lo, hi] as const;
  };
  const [xMin, xMax] = bounds(all.map((p) => p.x));
  const [yMin, yMax] = bounds(all.map((p) => p.y));
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const px = (x: number) => left + (plotW * Math.log10(x / xMin)) / Math.log10(xMax / xMin);
  const py = (y: number) => top + plotH - (plotH * Math.log10(y / yMin)) / Math.log10(yMax / yMin);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="12" y="22" font-size="15" font-weight="bold">${escape(title)}</text>`,
  ];
  series.forEach((s, i) => {
    const x = left + i * 230;
    parts.push(`<rect x="${x}" y="32" width="10" height="10" fill="${s.color}"/><text x="${x + 14}" y="41">${escape(s.name)}</text>`);
  });
  for (const tick of logTicks(xMin, xMax)) {
    parts.push(
      `<line x1="${px(tick).toFixed(1)}" y1="${top}" x2="${px(tick).toFixed(1)}" y2="${top + plotH}" stroke="#eee"/>`,
      `<text x="${px(tick).toFixed(1)}" y="${top + plotH + 16}" text-anchor="middle" fill="#444">${tickText(tick)}</text>`,
    );
  }
  for (const tick of logTicks(yMin, yMax)) {
    parts.push(
      `<line x1="${left}" y1="${py(tick).toFixed(1)}" x2="${left + plotW}" y2="${py(tick).toFixed(1)}" stroke="#eee"/>`,
      `<text x="${left - 6}" y="${(py(tick) + 4).toFixed(1)}" text-anchor="end" fill="#444">${tickText(tick)}</text>`,
    );
  }
  parts.push(
    `<rect x="${left}" y="${top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`,
    `<text x="${left + plotW / 2}" y="${top + plotH + 36}" text-anchor="middle">${escape(xLabel)}</text>`,
    `<text x="16" y="${top + plotH / 2}" text-anchor="middle" transform="rotate(-90 16 ${top + plotH / 2})">${escape(yLabel)}</text>`,
  );
  for (const s of series) {
    const points = s.points.filter((p) => p.x > 0 && p.y > 0);
    parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${points.map((p) => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(" ")}"/>`);
    for (const p of points) {
      parts.push(
        `<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="4" fill="${s.color}"/>`,
        `<text x="${(px(p.x) + 6).toFixed(1)}" y="${(py(p.y) - 6).toFixed(1)}" font-size="10" fill="${s.color}">${escape(p.label)}</text>`,
      );
    }
  }
  parts.push(`<text x="12" y="${height - 10}" fill="#666" font-size="10">${escape(note)}</text>`, "</svg>");
  return parts.join("\n") + "\n";
}
