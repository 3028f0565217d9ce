/**
 * The price lines' module state: one PricePreview per provider process, built on first use from
 * the current settings (stack config over environment), printing where the running operation's
 * lines go. It reads only `zenlayer:showPrices` and the connection settings, never a tuning
 * knob: a knob is checked by the operation that uses it. Each inquiry gets its own short-lived
 * client, so its request timeout is exactly the time the budget has left and it is never retried.
 */
import { createVmClient } from "../../client";
import { realClock } from "../runtime/clock";
import { operationLog } from "../runtime/context";
import { connectionOf, resolveConnection, resolveDisplay } from "../runtime/settings";
import { InquiryBudget } from "./budget";
import { cliRunMemory } from "./cli-run";
import { PRICE_BUDGET_MS, PricePreview } from "./preview-prices";

let current: PricePreview | undefined;

/** The process's PricePreview. */
export function pricePreview(): PricePreview {
  current ??= new PricePreview({
    api: (timeoutMs) => {
      return createVmClient({
        ...connectionOf(resolveConnection()),
        requestTimeoutMs: Math.max(1, Math.ceil(timeoutMs)),
        retry: { maxAttempts: 1 },
      });
    },
    log: operationLog,
    budget: new InquiryBudget(PRICE_BUDGET_MS, realClock),
    enabled: () => resolveDisplay().showPrices,
    memory: cliRunMemory(),
  });
  return current;
}

/** Starts over: a new budget and no remembered lines (tests). */
export function resetPricePreview(): void {
  current = undefined;
}
