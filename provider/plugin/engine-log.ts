/**
 * Progress and warning lines of one operation, sent to the engine's Log service with the
 * resource's URN, so `pulumi up` prints them under the instance they are about. Before the engine
 * address is known, or if the engine cannot be reached, lines go to standard error (which the
 * engine also shows) rather than being lost.
 */
import type * as grpcTypes from "@grpc/grpc-js";
import * as enginePb from "@pulumi/pulumi/proto/engine_pb";
import type { Logger } from "../lifecycle/runtime/progress";
import { grpc } from "./grpc";

const { EngineClient } = require("@pulumi/pulumi/proto/engine_grpc_pb") as typeof import("@pulumi/pulumi/proto/engine_grpc_pb");

let engine: { address: string; client: InstanceType<typeof EngineClient> } | undefined;

function clientFor(address: string): InstanceType<typeof EngineClient> {
  if (engine?.address !== address) {
    engine?.client.close();
    engine = { address, client: new EngineClient(address, grpc.credentials.createInsecure()) };
  }
  return engine.client;
}

/** A logger for the operation on `urn`; `engineAddress()` is read at each line (the engine may attach later). */
export function engineLogger(urn: string, engineAddress: () => string | undefined): Logger {
  const send = (severity: enginePb.LogSeverity, line: string) => {
    const address = engineAddress();
    if (!address) {
      process.stderr.write(`${line}\n`);
      return;
    }
    const request = new enginePb.LogRequest().setSeverity(severity).setMessage(line).setUrn(urn);
    clientFor(address).log(request, (error: grpcTypes.ServiceError | null) => {
      if (error) process.stderr.write(`${line}\n`);
    });
  };
  return {
    info: (line) => send(enginePb.LogSeverity.INFO, line),
    warn: (line) => send(enginePb.LogSeverity.WARNING, line),
  };
}
