/**
 * The host seam: an operation run inside `withOperationHost` sends its lines to that logger
 * (redacted like any other), concurrent operations keep their own, and without it the shared
 * context's console logger is used as before; the host's front-end words reach the operation's context.
 */
import { currentContext, resetContext, withOperationHost } from "../../../provider/lifecycle/runtime/context";
import { DYNAMIC_PROVIDER, type FrontEnd } from "../../../provider/lifecycle/front-end";
import { configureSettings, resetConfiguredSettings } from "../../../provider/lifecycle/runtime/settings";

const SECRET = "key-password-123";

beforeEach(() => {
  configureSettings({ get: (key: string) => ({
    "zenlayer:accessKeyId": "id", "zenlayer:accessKeyPassword": SECRET, "zenlayer:domain": "127.0.0.1:1", "zenlayer:scheme": "http",
  } as Record<string, string>)[key] });
});
afterEach(() => {
  resetConfiguredSettings();
  resetContext();
  jest.restoreAllMocks();
});

test("lines of an operation go to its logger, redacted; concurrent operations keep their own", async () => {
  const lines: Record<string, string[]> = { a: [], b: [] };
  const logger = (name: "a" | "b") => ({ info: (l: string) => lines[name]!.push(l), warn: (l: string) => lines[name]!.push(`warn ${l}`) });
  await Promise.all([
    withOperationHost({ log: logger("a"), frontEnd: DYNAMIC_PROVIDER }, async () => {
      await new Promise((r) => setTimeout(r, 5));
      currentContext().log.info(`a uses ${SECRET}`);
    }),
    withOperationHost({ log: logger("b"), frontEnd: DYNAMIC_PROVIDER }, async () => currentContext().log.warn("b waits")),
  ]);
  expect(lines).toEqual({ a: ["a uses ***"], b: ["warn b waits"] });
});

test("without an operation logger the shared context logs to the console, and the client and poller are shared", async () => {
  const consoleLog = jest.spyOn(global.console, "log").mockImplementation(() => undefined);
  const shared = currentContext();
  shared.log.info("plain line");
  expect(consoleLog).toHaveBeenCalledWith("plain line");
  const words: FrontEnd = { typeToken: "zenlayer:index:Instance", timeoutOption: (operation) => `customTimeouts.${operation}` };
  const scoped = await withOperationHost({ log: { info: () => undefined, warn: () => undefined }, frontEnd: words }, async () => currentContext());
  expect(scoped.api).toBe(shared.api);
  expect(scoped.poller).toBe(shared.poller);
  expect(scoped.log).not.toBe(shared.log);
  expect(shared.frontEnd).toBe(DYNAMIC_PROVIDER);
  expect(scoped.frontEnd).toBe(words);
});
