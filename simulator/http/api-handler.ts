import type { SimulatorCore } from "../core";
import { apiError, asSimulatorError } from "../protocol/errors";
import { newRequestId } from "../protocol/ids";
import { authenticate } from "./auth";
import { delay, parseJsonObject, readBody, sendError, sendJson } from "./http-util";
import { type ApiService, findServiceAction, SERVICES, type ServiceVersion } from "./services";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";

/** Set on a success whose change could not be written to the state file (it is kept in memory). */
export const STATE_NOT_SAVED_HEADER = "X-Zenlayer-Sim-State-Not-Saved";

/** VM API versions accepted in X-ZC-Version; other services list theirs in services.ts. */
export const SUPPORTED_VERSIONS: readonly string[] = Object.keys(SERVICES.vm!.versions);

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

// `application/json`, optionally with `charset=utf-8` (the Java SDK sends it); any case.
function checkContentType(value: string | undefined): void {
  const [type, ...parameters] = (value ?? "").split(";").map((part) => part.trim().toLowerCase());
  const extrasOk = parameters.every((p) => p === "charset=utf-8" || p === "");
  if (type !== "application/json" || !extrasOk) {
    throw apiError("UNSUPPORTED_CONTENT_TYPE", `Content-Type must be application/json (optionally with charset=utf-8), got "${value ?? ""}".`);
  }
}

function checkVersion(value: string | undefined, service: ApiService): ServiceVersion {
  if (!value) throw apiError("UNSUPPORTED_VERSION", "The X-ZC-Version header is missing.");
  if (!Object.hasOwn(service.versions, value)) {
    throw apiError("UNSUPPORTED_VERSION", `X-ZC-Version ${value} is not supported by the ${service.name} service; use ${Object.keys(service.versions).join(" or ")}.`);
  }
  return service.versions[value]!;
}

// The SDKs also name the service in X-ZC-Service; when sent, it must agree with the path.
function checkServiceHeader(value: string | undefined, service: ApiService): void {
  if (value !== undefined && value !== service.name) {
    throw apiError("UNSUPPORTED_SERVICE", `X-ZC-Service ${value} does not match the path /api/v2/${service.name}.`);
  }
}

function checkRequestClient(value: string | undefined): void {
  if (value !== undefined && !/^[0-9a-zA-Z\-_ ,;.]{1,128}$/.test(value)) {
    throw apiError("INVALID_PARAMETER_VALUE", "X-ZC-Request-Client must be 1-128 characters of letters, digits and -_ ,;.");
  }
}

/**
 * One API request, in a fixed order (the Azurite habit of writing the pipeline down in one place):
 * count → read body → authenticate → content type, version, action → latency → fault decision
 * (throttle / drop / transient error: the action does not run) → parse JSON → run the action →
 * save state → reply, or drop the reply when the response is to be lost (the action has run).
 */
export async function handleApiRequest(core: SimulatorCore, req: IncomingMessage, res: ServerResponse, service: ApiService): Promise<void> {
  const requestId = newRequestId();
  const startedAt = Date.now();
  const action = header(req.headers, "x-zc-action") ?? "";
  const log = (outcome: string) => core.options.log?.(`${new Date().toISOString()} ${requestId} ${action || "-"} ${outcome} ${Date.now() - startedAt}ms`);
  if (action) core.stats.request(action);
  const dropConnection = (outcome: string) => {
    req.socket.destroy();
    log(outcome);
  };
  try {
    const body = await readBody(req);
    if (req.method !== "POST") throw apiError("METHOD_NOT_ALLOWED", `${req.method ?? "?"} is not allowed; the API takes POST only.`);
    authenticate({
      headers: req.headers,
      body,
      now: core.options.clock(),
      credentials: core.options.credentials,
      maxClockSkewSeconds: core.options.maxClockSkewSeconds,
    });
    checkContentType(header(req.headers, "content-type"));
    checkServiceHeader(header(req.headers, "x-zc-service"), service);
    const versionName = header(req.headers, "x-zc-version");
    const version = checkVersion(versionName, service);
    checkRequestClient(header(req.headers, "x-zc-request-client"));
    if (!action) throw apiError("UNSUPPORTED_ACTION", "The X-ZC-Action header is missing.");
    const handler = findServiceAction(service, version, action);
    if (!handler) throw apiError("UNSUPPORTED_ACTION", `The action ${action} is not supported by the ${service.name} service (version ${versionName}) of this simulator.`);

    await delay(core.faults.latencyFor(action));
    const decision = core.faults.before(action);
    if (decision.kind === "drop") {
      core.stats.fault("dropped");
      core.stats.rejected(action);
      return dropConnection("DROPPED (action not run)");
    }
    if (decision.kind === "throttle") {
      core.stats.fault("throttled");
      throw apiError("REQUEST_LIMIT_EXCEEDED", `Request rate limit exceeded; retry after ${decision.retryAfterSeconds} s.`, decision.retryAfterSeconds);
    }
    if (decision.kind === "error") {
      core.stats.fault("errors");
      throw apiError(decision.code, "The service is temporarily unable to handle the request (injected fault); please retry.");
    }

    const params = parseJsonObject(body);
    version.checkParameters(action, params);
    const now = core.options.clock();
    const fields = version.present(action, handler(params, {
      now,
      store: core.store,
      durations: core.options.durations,
      takeCreateFailure: () => core.createFailures.pending > 0 && core.createFailures.pending-- > 0,
    }));
    // The action has run: a failed save is reported (by the store) and flagged, never turned
    // into a 5xx, which would tell the client that nothing happened.
    const saveFailure = core.store.flush(now);
    if (decision.loseResponse) {
      core.stats.fault("lostResponses");
      return dropConnection("LOST RESPONSE (action ran)");
    }
    sendJson(res, 200, { requestId, response: { requestId, ...fields } }, saveFailure ? { [STATE_NOT_SAVED_HEADER]: "true" } : {});
    log(saveFailure ? "200 (state not saved)" : "200");
  } catch (thrown) {
    const error = asSimulatorError(thrown);
    if (action) core.stats.rejected(action);
    core.store.flush(core.options.clock());
    sendError(res, requestId, error);
    log(`${error.status} ${error.code}`);
  }
}
