import { createServer, type Server } from "node:http";
import { handleApiRequest } from "./api-handler";
import type { SimulatorControl } from "./control";
import { CONTROL_PREFIX, handleControlRequest } from "./control-routes";
import type { SimulatorCore } from "./core";
import { apiError, asSimulatorError } from "./errors";
import { sendError } from "./http-util";
import { newRequestId } from "./ids";

/** The one API path of the VM API; the action travels in X-ZC-Action, never in the URL. */
export const API_PATH = "/api/v2/vm";

/** Creates the HTTP server: the API at {@link API_PATH}, control under `/_sim`, 404 elsewhere. */
export function createSimulatorServer(core: SimulatorCore, control: SimulatorControl): Server {
  return createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    let work: Promise<void>;
    if (path === API_PATH) {
      work = handleApiRequest(core, req, res);
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
