import { inspect } from "node:util";
import { type ClientEvent, resolveClientConfig, ZenlayerApiError, ZenlayerConfigError } from "../../../provider/client";
import {
  ACCESS_KEY_PASSWORD, apiError, closedPort, CREATE_REQUEST, type FakeServer, harness, type Handler, startFakeServer,
} from "./helpers/fake-server";

const INSTANCE_PASSWORD = CREATE_REQUEST.password;
const NEW_PASSWORD = "N3w-Passw0rd!x";

let server: FakeServer;
let handler: Handler;
beforeEach(async () => {
  server = await startFakeServer((req, n) => handler(req, n));
});
afterEach(async () => {
  await server.close();
});

/** Every way an error or event could end up in a log. */
function renderings(value: unknown): string[] {
  const out = [inspect(value, { depth: 10 }), JSON.stringify(value) ?? ""];
  if (value instanceof Error) out.push(String(value), value.stack ?? "", inspect(value.cause, { depth: 10 }));
  return out;
}

function expectNoSecrets(value: unknown, authorizations: string[]): void {
  for (const text of renderings(value)) {
    expect(text).not.toContain(ACCESS_KEY_PASSWORD);
    expect(text).not.toContain(INSTANCE_PASSWORD);
    expect(text).not.toContain(NEW_PASSWORD);
    expect(text).not.toContain("ZC2-HMAC-SHA256 Credential");
    for (const a of authorizations) expect(text).not.toContain(a.split("Signature=")[1]);
    expect(text).not.toContain('"password"');
  }
}

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a failure");
}

const echo = (status: number, code: string): Handler => (req) =>
  // A server that echoes the whole request back into its message: the worst case.
  apiError(status, code, `rejected ${req.body} with ${String(req.headers.authorization)}`);

describe("secrets", () => {
  test.each<[string, Handler, (c: ReturnType<typeof harness>["client"]) => Promise<unknown>]>([
    ["a create whose error message echoes the request", echo(400, "INVALID_PASSWORD"), (c) => c.createInstances(CREATE_REQUEST)],
    ["a password reset whose error message echoes the request", echo(400, "INVALID_PARAMETER"), (c) => c.resetInstancesPassword({ instanceIds: ["i"], password: NEW_PASSWORD })],
    ["retries that end in throttling", echo(429, "REQUEST_LIMIT_EXCEEDED"), (c) => c.resetInstancesPassword({ instanceIds: ["i"], password: NEW_PASSWORD })],
    ["an ambiguous create", echo(503, "SERVICE_TEMPORARY_UNAVAILABLE"), (c) => c.createInstances({ ...CREATE_REQUEST, instanceName: undefined })],
    ["a non-JSON reply echoing the request", (req) => ({ status: 200, raw: `${req.body} ${String(req.headers.authorization)}` }), (c) => c.createInstances(CREATE_REQUEST)],
    ["a timeout", () => "hang", (c) => c.resetInstancesPassword({ instanceIds: ["i"], password: NEW_PASSWORD })],
  ])("never puts secrets, Authorization or bodies into errors or events: %s", async (_label, h, call) => {
    handler = h;
    const events: ClientEvent[] = [];
    const { client } = harness(server.domain, { requestTimeoutMs: 50, retry: { maxAttempts: 2 }, onEvent: (e) => events.push(e) });
    const error = await caught(call(client));
    expect(error).toBeInstanceOf(ZenlayerApiError);
    const authorizations = server.requests.map((r) => String(r.headers.authorization));
    expectNoSecrets(error, authorizations);
    for (const event of events) expectNoSecrets(event, authorizations);
  });

  test("masks a password echoed back by the server but keeps the rest of its message", async () => {
    handler = (req) => apiError(400, "INVALID_PASSWORD", `password ${(req.json as { password: string }).password} is too weak`);
    const { client } = harness(server.domain);
    const error = (await caught(client.resetInstancesPassword({ instanceIds: ["i"], password: NEW_PASSWORD }))) as ZenlayerApiError;
    expect(error.apiMessage).toBe("password *** is too weak");
  });

  test("keeps secrets out of network errors", async () => {
    const { client } = harness(`127.0.0.1:${await closedPort()}`, { retry: { maxAttempts: 1 } });
    expectNoSecrets(await caught(client.createInstances(CREATE_REQUEST)), []);
  });

  test("keeps the password out of configuration errors", () => {
    try {
      resolveClientConfig({ accessKeyPassword: ACCESS_KEY_PASSWORD, domain: "https://x" }, {});
    } catch (e) {
      expect(e).toBeInstanceOf(ZenlayerConfigError);
      expectNoSecrets(e, []);
    }
  });
});
