/**
 * A tiny Zenlayer-shaped HTTP server for client unit tests: records every request and answers
 * with whatever the test's handler says, including "hang" (never answer) and "reset" (drop the
 * connection after the request has been read, i.e. after the server could have acted).
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type ClientEvent, type ClientOptions, VmClient } from "../../../../provider/client";

/** One request as the server saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  action: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
}

/** How to answer: a JSON value (serialized) or a raw string body, with a status and headers. */
export type Reply =
  | { status?: number; json?: unknown; raw?: string; headers?: Record<string, string> }
  | "hang"
  | "reset";

/** Handler: the request and its 1-based index among all requests. */
export type Handler = (req: SeenRequest, n: number) => Reply | Promise<Reply>;

/** A running fake server. */
export interface FakeServer {
  domain: string;
  requests: SeenRequest[];
  actions(): string[];
  close(): Promise<void>;
}

/** Starts a server on a free loopback port. */
export async function startFakeServer(handler: Handler): Promise<FakeServer> {
  const requests: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let json: unknown;
      try { json = JSON.parse(body); } catch { json = undefined; }
      const seen: SeenRequest = {
        method: req.method ?? "", url: req.url ?? "", action: String(req.headers["x-zc-action"] ?? ""),
        headers: req.headers, body, json,
      };
      requests.push(seen);
      void Promise.resolve(handler(seen, requests.length)).then((reply) => {
        if (reply === "hang") return;
        if (reply === "reset") { req.socket.destroy(); return; }
        const text = reply.raw ?? JSON.stringify(reply.json ?? {});
        res.writeHead(reply.status ?? 200, { "content-type": reply.raw !== undefined ? "text/html" : "application/json", ...reply.headers });
        res.end(text);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    domain: `127.0.0.1:${port}`,
    requests,
    actions: () => requests.map((r) => r.action),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let seq = 0;
/** A request id in the documented shape. */
export function requestId(): string {
  seq += 1;
  return `T${String(seq).padStart(8, "0")}-0000-4000-8000-000000000000`;
}

/** A success envelope. */
export function ok(response: Record<string, unknown> = {}): Reply {
  const id = requestId();
  return { status: 200, json: { requestId: id, response: { requestId: id, ...response } } };
}

/** An error envelope. */
export function apiError(status: number, code: string, message = `${code} happened`, headers?: Record<string, string>): Reply {
  return { status, json: { requestId: requestId(), code, message }, ...(headers ? { headers } : {}) };
}

export const ACCESS_KEY_ID = "AKID-test-0001";
export const ACCESS_KEY_PASSWORD = "s3cr3t-Acc3ss-K3y-Passw0rd";

/** Everything a test wants to see of the client's timing and events. */
export interface Harness {
  client: VmClient;
  sleeps: number[];
  events: ClientEvent[];
  /** Events and sleeps interleaved, to check that an event comes before its sleep. */
  timeline: string[];
  clock: { ms: number };
}

/** A client pointed at `domain` with a fake clock (sleep advances it) and a fixed random. */
export function harness(domain: string, options: ClientOptions = {}): Harness {
  const sleeps: number[] = [];
  const events: ClientEvent[] = [];
  const timeline: string[] = [];
  const clock = { ms: Date.UTC(2025, 0, 1) };
  const client = new VmClient({
    accessKeyId: ACCESS_KEY_ID,
    accessKeyPassword: ACCESS_KEY_PASSWORD,
    domain,
    scheme: "http",
    env: {},
    now: () => clock.ms,
    random: () => 0.5,
    sleep: async (ms) => { sleeps.push(ms); timeline.push(`sleep ${ms}`); clock.ms += ms; },
    onEvent: (e) => { events.push(e); timeline.push(`event ${e.type}`); },
    // Each test's client starts with its own clock: a bucket shared with earlier tests would carry their throttles over.
    adaptiveRate: false,
    ...options,
    retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, ...options.retry },
    reconcile: { probes: 3, delayMs: 10, ...options.reconcile },
  });
  return { client, sleeps, events, timeline, clock };
}

/** A minimal InstanceInfo as DescribeInstances returns it. */
export function instance(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    instanceId: "ins-0001", zoneId: "SEL-A", instanceName: "web-1", instanceType: "c.1c2g",
    imageId: "img-ubuntu", instanceStatus: "PENDING", publicIpAddresses: [], privateIpAddresses: [],
    createTime: new Date(Date.UTC(2025, 0, 1)).toISOString(), ...overrides,
  };
}

/** A valid CreateInstances request. */
export const CREATE_REQUEST = {
  zoneId: "SEL-A", instanceType: "c.1c2g", imageId: "img-ubuntu", instanceChargeType: "POSTPAID" as const,
  internetChargeType: "ByBandwidth" as const, instanceName: "web-1", password: "Inst@nce-Pw-99",
};
