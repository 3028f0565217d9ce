import type { SimulatorControl, StatusHold } from "../control";
import type { FaultConfig } from "../faults/faults";
import { apiError, asSimulatorError } from "../protocol/errors";
import { newRequestId } from "../protocol/ids";
import type { Params } from "../protocol/params";
import { parseJsonObject, readBody, sendError, sendJson } from "./http-util";
import type { IncomingMessage, ServerResponse } from "node:http";

/** The prefix of the control routes, beside the API. */
export const CONTROL_PREFIX = "/_sim";

type Route = { method: string; pattern: RegExp; run: (control: SimulatorControl, match: string[], body: Params) => [number, unknown] };

const ID = "([A-Za-z0-9._-]+)";

function notFound(id: string): Error {
  return apiError("INVALID_INSTANCE_NOT_FOUND", `The instance \`${id}\` does not exist.`);
}

/** The control routes: exactly those listed in simulator/README.md. */
const ROUTES: Route[] = [
  { method: "GET", pattern: /^\/instances$/, run: (c) => [200, { instances: c.listInstances() }] },
  { method: "POST", pattern: /^\/instances$/, run: (c, _m, body) => [200, c.seedInstance(body)] },
  {
    method: "GET", pattern: new RegExp(`^/instances/${ID}$`),
    run: (c, [id = ""]) => {
      const found = c.getInstance(id);
      if (!found) throw notFound(id);
      return [200, found];
    },
  },
  { method: "PATCH", pattern: new RegExp(`^/instances/${ID}$`), run: (c, [id = ""], body) => [200, c.patchInstance(id, body)] },
  {
    method: "DELETE", pattern: new RegExp(`^/instances/${ID}$`),
    run: (c, [id = ""]) => {
      if (!c.removeInstance(id)) throw notFound(id);
      return [200, { instanceId: id, removed: true }];
    },
  },
  { method: "POST", pattern: new RegExp(`^/instances/${ID}/status$`), run: (c, [id = ""], body) => [200, c.holdStatus(id, body as unknown as StatusHold)] },
  {
    method: "POST", pattern: new RegExp(`^/instances/${ID}/commitment$`),
    run: (c, [id = ""], body) => [200, c.setCommitment(id, body.enabled as boolean)],
  },
  { method: "GET", pattern: /^\/faults$/, run: (c) => [200, c.getFaults()] },
  { method: "PUT", pattern: /^\/faults$/, run: (c, _m, body) => [200, c.setFaults(body as FaultConfig)] },
  {
    method: "POST", pattern: /^\/create-failures$/,
    run: (c, _m, body) => [200, { pendingCreateFailures: c.failNextCreates(body.count ?? 1) }],
  },
  { method: "GET", pattern: /^\/stats$/, run: (c) => [200, c.stats()] },
  {
    method: "POST", pattern: /^\/stats\/reset$/,
    run: (c) => {
      c.resetStats();
      return [200, c.stats()];
    },
  },
];

/**
 * The control routes carry no signature, so only local tools may drive them. A web page can make
 * the browser send a cross-site POST with `text/plain` and no preflight; requiring
 * `application/json` on every request that may change something forces a preflight the
 * simulator never answers, and a browser marks every such request with an `Origin` header, which
 * is refused outright.
 */
function checkLocalTool(req: IncomingMessage): void {
  if (req.headers.origin !== undefined) {
    throw apiError("FORBIDDEN_ORIGIN", "The control routes do not accept requests from web pages (an Origin header was sent).");
  }
  if (req.method === "GET" || req.method === "HEAD") return;
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") {
    throw apiError("UNSUPPORTED_CONTENT_TYPE", `Control requests other than GET must be sent as application/json, got "${req.headers["content-type"] ?? ""}".`);
  }
}

/** Serves `/_sim/...`: JSON in, JSON out, no signature; errors use the API's envelope. */
export async function handleControlRequest(control: SimulatorControl, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const requestId = newRequestId();
  try {
    const raw = await readBody(req);
    checkLocalTool(req);
    const body = parseJsonObject(raw);
    const sub = path.slice(CONTROL_PREFIX.length) || "/";
    const candidates = ROUTES.filter((r) => r.pattern.test(sub));
    if (candidates.length === 0) throw apiError("ROUTE_NOT_FOUND", `No control route ${sub} under ${CONTROL_PREFIX}.`);
    const route = candidates.find((r) => r.method === req.method);
    if (!route) throw apiError("METHOD_NOT_ALLOWED", `${req.method ?? "?"} is not allowed on ${path}; use ${candidates.map((r) => r.method).join(" or ")}.`);
    const match = route.pattern.exec(sub)?.slice(1) ?? [];
    const [status, payload] = route.run(control, match, body);
    sendJson(res, status, payload);
  } catch (thrown) {
    sendError(res, requestId, asSimulatorError(thrown));
  }
}
