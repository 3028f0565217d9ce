/**
 * The one-line price summaries printed during a preview, and the notes printed instead when no
 * price can be given. Amounts are USD (Zenlayer bills in USD; its price answers carry no currency).
 */
import { totals, type PriceEstimate } from "./estimate";

/** "≈ 0.018 USD/hour instance + 0.006 USD/hour bandwidth = 0.024 USD/hour (list price; 0.0216 after discount)". */
export function formatEstimate(estimate: PriceEstimate): string {
  const parts = estimate.items.map((i) => `${amount(i.list)} USD/${i.per} ${i.item}`);
  const usage = estimate.usage.map((u) => `${u.item} billed by usage from ${amount(u.fromList)} USD/${u.per}`);
  const sums = totals(estimate.items);
  const total = estimate.items.length > 1 ? ` = ${sums.map((s) => `${amount(s.list)} USD/${s.per}`).join(" + ")}` : "";
  const after = sums.some((s) => !same(s.list, s.discounted))
    ? `; ${sums.map((s) => amount(s.discounted)).join(" + ")} after discount`
    : "";
  const priced = parts.length > 0 ? `≈ ${parts.join(" + ")}${total} (list price${after})` : "";
  return [priced, ...usage].filter(Boolean).join("; ") || "no price items in Zenlayer's answer";
}

/** "+0.018 USD/hour from today's 0.024" per period, comparing list totals. */
export function formatDifference(next: PriceEstimate, today: PriceEstimate): string {
  const before = new Map(totals(today.items).map((s) => [s.per, s.list]));
  const after = totals(next.items);
  const pers = new Set([...after.map((s) => s.per), ...before.keys()]);
  const parts: string[] = [];
  for (const per of pers) {
    const was = before.get(per) ?? 0;
    const now = after.find((s) => s.per === per)?.list ?? 0;
    const delta = now - was;
    parts.push(same(delta, 0) ? `unchanged at ${amount(now)} USD/${per}` : `${delta > 0 ? "+" : "−"}${amount(Math.abs(delta))} USD/${per} from today's ${amount(was)}`);
  }
  return parts.join(", ");
}

/** Up to 3 significant digits below 1 USD, cents above: prices per hour are small. */
export function amount(value: number): string {
  if (value === 0) return "0";
  if (Math.abs(value) >= 1) return value.toFixed(2);
  return String(Number(value.toPrecision(3)));
}

function same(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-9;
}
