import type { SimulatorControl } from "../control";
import type { SimulatorCore } from "../core";
import { apiError, asSimulatorError } from "../protocol/errors";
import { newRequestId } from "../protocol/ids";
import { handleApiRequest } from "./api-handler";
import { CONTROL_PREFIX, handleControlRequest } from "./control-routes";
import { sendError } from "./http-util";
import { API_PREFIX, serviceOfPath, SERVICES } from "./services";
import { createServer, type Server } from "node:http";

/** The one API path of the VM API; the action travels in X-ZC-Action, never in the URL. */
export const API_PATH = "/api/v2/vm";

/**
 * Creates the HTTP server: the services at `/api/v2/<service>` ({@link API_PATH} for the VM API),
 * control under `/_sim`, 404 elsewhere; an unknown service under `/api/v2/` gets UNSUPPORTED_SERVICE.
 */
export function createSimulatorServer(core: SimulatorCore, control: SimulatorControl): Server {
  return createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    let work: Promise<void>;
    const service = serviceOfPath(path);
    if (service) {
      work = handleApiRequest(core, req, res, service);
    } else if (path.startsWith(API_PREFIX)) {
      req.resume();
      sendError(res, newRequestId(), apiError("UNSUPPORTED_SERVICE",
        `No service ${path.slice(API_PREFIX.length)}; the services are ${Object.keys(SERVICES).map((s) => API_PREFIX + s).join(", ")}.`));
      return;
    } else if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
      work = handleControlRequest(control, req, res, path);
    } else {
      req.resume();
      sendError(res, newRequestId(), apiError("ROUTE_NOT_FOUND", `No route ${path}; the VM API is POST ${API_PATH}.`));
      return;
    }
    // Last resort: anything that escaped a handler still gets an envelope, and the server lives on.
    work.catch((thrown: unknown) => {
      if (!res.headersSent && !res.destroyed) sendError(res, newRequestId(), asSimulatorError(thrown));
    });
  });
}
