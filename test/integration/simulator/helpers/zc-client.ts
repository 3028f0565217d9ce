/**
 * A minimal Zenlayer API client for the simulator's own tests, written from Zenlayer's documentation
 * and independent of both the provider's signer and the simulator's verifier. It uses node:http
 * so a test can send any Host header (the known-answer vector signs `console.zenlayer.com`).
 */
import { createHash, createHmac } from "node:crypto";
import { request, type IncomingHttpHeaders } from "node:http";

/** Where and as whom to call. */
export interface Target { url: string; accessKeyId: string; accessKeyPassword: string }

/** Per-call overrides, to build deliberately wrong requests. */
export interface CallOptions {
  /** Seconds; defaults to `clock()` or the real time. */
  timestamp?: number | string;
  clock?: () => number;
  host?: string;
  contentType?: string;
  version?: string;
  /** The service path; `/api/v2/vm` by default. */
  path?: string;
  accessKeyId?: string;
  accessKeyPassword?: string;
  /** Replaces the computed signature. */
  signature?: string;
  /** Sent as-is instead of JSON.stringify(params). */
  rawBody?: string;
  /** Extra or replaced headers; `undefined` removes a header. */
  headers?: Record<string, string | undefined>;
}

/** A reply, or `dropped` when the connection closed without one. */
export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  dropped: boolean;
}

/** ZC2-HMAC-SHA256 as documented: canonical request → string to sign → HMAC. */
export function zc2Signature(password: string, timestamp: string, contentType: string, host: string, body: string): string {
  const sha = (text: string) => createHash("sha256").update(text).digest("hex");
  const canonical = `POST\n/\n\ncontent-type:${contentType}\nhost:${host}\n\ncontent-type;host\n${sha(body)}`;
  return createHmac("sha256", password).update(`ZC2-HMAC-SHA256\n${timestamp}\n${sha(canonical)}`).digest("hex");
}

/** Sends a raw HTTP request on a fresh connection (so a dropped one cannot affect the next). */
export function send(url: string, method: string, path: string, headers: Record<string, string>, body: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const target = new URL(path, url);
    const req = request(target, { method, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let parsed: unknown;
        try { parsed = text ? JSON.parse(text) : undefined; } catch { parsed = undefined; }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed, dropped: false });
      });
      res.on("error", () => resolve({ status: 0, headers: {}, text: "", body: undefined, dropped: true }));
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ECONNRESET" || /socket hang up/.test(error.message)) {
        resolve({ status: 0, headers: {}, text: "", body: undefined, dropped: true });
      } else reject(error);
    });
    req.end(body);
  });
}

/** Calls an API action, signed unless the options break it on purpose. */
export function callApi(target: Target, action: string, params: unknown = {}, options: CallOptions = {}): Promise<Reply> {
  const body = options.rawBody ?? JSON.stringify(params);
  const contentType = options.contentType ?? "application/json";
  const host = options.host ?? new URL(target.url).host;
  const timestamp = String(options.timestamp ?? Math.floor((options.clock ?? Date.now)() / 1000));
  const keyId = options.accessKeyId ?? target.accessKeyId;
  const signature = options.signature ?? zc2Signature(options.accessKeyPassword ?? target.accessKeyPassword, timestamp, contentType, host, body);
  const headers: Record<string, string | undefined> = {
    host,
    "content-type": contentType,
    "x-zc-action": action,
    "x-zc-version": options.version ?? "2023-03-13",
    "x-zc-timestamp": timestamp,
    "x-zc-signature-method": "ZC2-HMAC-SHA256",
    authorization: `ZC2-HMAC-SHA256 Credential=${keyId}, SignedHeaders=content-type;host, Signature=${signature}`,
    ...options.headers,
  };
  const present = Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined));
  return send(target.url, "POST", options.path ?? "/api/v2/vm", present, body);
}

/** Calls an action and returns its `response`, failing loudly on anything but 200. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function ok(target: Target, action: string, params: unknown = {}, options: CallOptions = {}): Promise<any> {
  const reply = await callApi(target, action, params, options);
  if (reply.status !== 200) throw new Error(`${action} answered ${reply.status} ${reply.text}`);
  return reply.body.response;
}

/** Calls a control route (`/_sim/...`) as a local tool does: JSON on everything but GET, no Origin. */
export function callControl(target: Pick<Target, "url">, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const text = body === undefined ? "" : JSON.stringify(body);
  return send(target.url, method, path, { ...(method === "GET" ? {} : { "content-type": "application/json" }), ...headers }, text);
}

/** Polls `probe` until `accept` holds or the deadline passes (no fixed sleeps in tests). */
export async function waitFor<T>(probe: () => Promise<T> | T, accept: (value: T) => boolean, timeoutMs = 5000, intervalMs = 15): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`waitFor timed out; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
    last = await probe();
  }
  return last;
}
