/**
 * The `zenlayer` resource provider served over Pulumi's provider protocol, as a plugin for every
 * Pulumi language and for `pulumi import`. Each request maps onto the same lifecycle functions the
 * Node.js dynamic provider calls (provider/lifecycle/provider.ts); translate.ts holds the few
 * protocol differences.
 *
 * `@pulumi/pulumi/provider`'s `main(provider, args)` serves a provider object too, but its
 * Configure discards the configuration variables (so `zenlayer:*` settings would never arrive) and
 * it drops each request's `timeout` (so `customTimeouts` could not be honoured); hence the service
 * is registered here, on the same generated protocol classes.
 */
import type * as grpcTypes from "@grpc/grpc-js";
import * as pluginPb from "@pulumi/pulumi/proto/plugin_pb";
import * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import * as statusPb from "@pulumi/pulumi/proto/status_pb";
import { detailedPropertyDiff, type PropertyChange } from "../lifecycle/diff/diff";
import * as lifecycle from "../lifecycle/provider";
import { withOperationHost } from "../lifecycle/runtime/context";
import { configureSettings } from "../lifecycle/runtime/settings";
import { engineLogger } from "./engine-log";
import { invokeFunction } from "./functions";
import { anyPb, emptyPb, grpc, structPb } from "./grpc";
import { INSTANCE_TOKEN, packageSchema, PACKAGE_NAME, SECRET_INPUTS } from "./schema";
import { conceal, reveal, secretKeys } from "./secrets";
import { checkInputsFor, importedInputs, PLUGIN_FRONT_END, withoutTimeouts, withRequestTimeout } from "./translate";

type Props = Record<string, unknown>;
type Struct = InstanceType<typeof structPb.Struct>;

const { ResourceProviderService } = require("@pulumi/pulumi/proto/provider_grpc_pb") as typeof import("@pulumi/pulumi/proto/provider_grpc_pb");

/** The protocol's names for the kinds of property change. */
const PROPERTY_DIFF_KINDS: Record<PropertyChange, providerPb.PropertyDiff.Kind> = {
  "add": providerPb.PropertyDiff.Kind.ADD,
  "update": providerPb.PropertyDiff.Kind.UPDATE,
  "delete": providerPb.PropertyDiff.Kind.DELETE,
  "add-replace": providerPb.PropertyDiff.Kind.ADD_REPLACE,
  "update-replace": providerPb.PropertyDiff.Kind.UPDATE_REPLACE,
  "delete-replace": providerPb.PropertyDiff.Kind.DELETE_REPLACE,
};

/** Plain values of a request's struct (secret markers removed) and the keys that were secret. */
function unwrap(struct: Struct | undefined): { props: Props; secret: Set<string> } {
  const raw = (struct?.toJavaScript() ?? {}) as Props;
  return { props: reveal(raw) as Props, secret: secretKeys(raw) };
}

/** Properties for the engine: the secret keys and the schema's secret inputs wrapped. */
function toStruct(props: Props | undefined, secret: Iterable<string> = []): Struct {
  return structPb.Struct.fromJavaScript(conceal(withoutTimeouts(props), [...secret, ...SECRET_INPUTS]) as never);
}

/** A gRPC error for `e`; a partial failure (the instance exists) carries its id and properties. */
function grpcError(e: unknown, secret: Iterable<string> = []): Partial<grpcTypes.StatusObject> {
  const message = e instanceof Error ? e.message : String(e);
  const failure = e as { id?: unknown; properties?: Props; reasons?: string[] };
  const metadata = new grpc.Metadata();
  if (typeof failure.id === "string" && failure.id !== "") {
    const detail = new providerPb.ErrorResourceInitFailed();
    detail.setId(failure.id);
    detail.setProperties(toStruct(failure.properties ?? {}, secret));
    detail.setReasonsList(failure.reasons ?? [message]);
    const packed = new anyPb.Any();
    packed.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new statusPb.Status();
    status.setCode(grpc.status.UNKNOWN);
    status.setMessage(message);
    status.addDetails(packed);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return { code: grpc.status.UNKNOWN, details: message, metadata };
}

/** A unary handler from an async function; errors become gRPC errors. */
function unary<Req, Res>(handle: (request: Req) => Promise<Res>, secretOf: (request: Req) => Iterable<string> = () => []) {
  return (call: grpcTypes.ServerUnaryCall<Req, Res>, callback: grpcTypes.sendUnaryData<Res>) => {
    handle(call.request).then(
      (response) => callback(null, response),
      (e: unknown) => callback(grpcError(e, secretOf(call.request)) as grpcTypes.ServiceError, null),
    );
  };
}

function unimplemented(what: string) {
  return (_call: unknown, callback: grpcTypes.sendUnaryData<never>) =>
    callback({ code: grpc.status.UNIMPLEMENTED, details: `${what} is not implemented by the ${PACKAGE_NAME} provider` }, null);
}

/** Only `zenlayer:index:Instance` is served; anything else is a clear error. */
function requireInstance(urn: string): void {
  const type = urn.split("::")[2] ?? "";
  if (type !== INSTANCE_TOKEN) throw new Error(`Unknown resource type ${type || urn}: the ${PACKAGE_NAME} provider manages ${INSTANCE_TOKEN}`);
}

/** The service implementation. `version` is the package's; `engineAddress()` is where Log requests go. */
export function providerService(version: string, engine: { address?: string }): grpcTypes.UntypedServiceImplementation {
  const schema = JSON.stringify(packageSchema(version));
  /** Runs a lifecycle call with its lines (progress, price lines) sent to the engine under `urn`, in the plugin's words. */
  const logged = <T>(urn: string, operation: () => Promise<T>) =>
    withOperationHost({ log: engineLogger(urn, () => engine.address), frontEnd: PLUGIN_FRONT_END }, operation);
  const secretNews = (req: { getNews(): Struct | undefined; getOlds(): Struct | undefined }) =>
    new Set([...unwrap(req.getOlds()).secret, ...unwrap(req.getNews()).secret]);

  /** Runs a create, update or delete of the lifecycle with the request's URN check, logger and wait limit. */
  const mutating = <T>(urn: string, operation: () => Promise<T>) =>
    logged(urn, async () => {
      requireInstance(urn);
      return operation();
    });

  return {
    getPluginInfo: unary(async () => new pluginPb.PluginInfo().setVersion(version)),
    getSchema: unary(async (req: providerPb.GetSchemaRequest) => {
      if (req.getVersion() !== 0) throw new Error(`unsupported schema version ${req.getVersion()}`);
      return new providerPb.GetSchemaResponse().setSchema(schema);
    }),
    attach: unary(async (req: pluginPb.PluginAttach) => {
      engine.address = req.getAddress();
      return new emptyPb.Empty();
    }),
    cancel: unary(async () => new emptyPb.Empty()),
    // The engine treats these as "no opinion": configuration is taken as given and a change of
    // it never replaces the provider (and so never the instances).
    checkConfig: unimplemented("CheckConfig"),
    diffConfig: unimplemented("DiffConfig"),
    configure: unary(async (req: providerPb.ConfigureRequest) => {
      const variables = req.getVariablesMap();
      // `zenlayer:accessKeyId` arrives as `zenlayer:config:accessKeyId`.
      configureSettings({ get: (key) => variables.get(key.replace(`${PACKAGE_NAME}:`, `${PACKAGE_NAME}:config:`)) });
      return new providerPb.ConfigureResponse().setAcceptsecrets(true).setSupportspreview(false).setAcceptresources(false);
    }),
    invoke: unary(async (req: providerPb.InvokeRequest) => {
      const result = await invokeFunction(req.getTok(), unwrap(req.getArgs()).props);
      const response = new providerPb.InvokeResponse();
      if (result.outputs) response.setReturn(structPb.Struct.fromJavaScript(result.outputs as never));
      response.setFailuresList((result.failures ?? []).map((f) => new providerPb.CheckFailure().setProperty(f.property).setReason(f.reason)));
      return response;
    }),
    check: unary(async (req: providerPb.CheckRequest) => {
      requireInstance(req.getUrn());
      const olds = unwrap(req.getOlds());
      const news = unwrap(req.getNews());
      const own = checkInputsFor(req.getUrn(), news.props);
      const result = await logged(req.getUrn(), () => lifecycle.check(olds.props, own.inputs));
      const failures = [...own.failures, ...(result.failures ?? [])];
      return new providerPb.CheckResponse()
        .setInputs(toStruct(result.inputs as Props, news.secret))
        .setFailuresList(failures.map((f) => new providerPb.CheckFailure().setProperty(f.property).setReason(f.reason)));
    }),
    diff: unary(async (req: providerPb.DiffRequest) => {
      requireInstance(req.getUrn());
      const olds = unwrap(req.getOlds()).props;
      const news = unwrap(req.getNews()).props;
      const result = await logged(req.getUrn(), () => lifecycle.diff(req.getId(), olds, news));
      // The same rules, per property (the dynamic protocol has no place for them): the CLI then
      // shows exactly the properties diff compared, and `--json` marks those that force a replacement.
      const detailed = detailedPropertyDiff(olds, news);
      const response = new providerPb.DiffResponse()
        .setChanges(result.changes ? providerPb.DiffResponse.DiffChanges.DIFF_SOME : providerPb.DiffResponse.DiffChanges.DIFF_NONE)
        .setDiffsList(Object.keys(detailed))
        .setReplacesList(result.replaces ?? [])
        .setDeletebeforereplace(result.deleteBeforeReplace ?? false)
        .setHasdetaileddiff(true);
      for (const [key, change] of Object.entries(detailed)) {
        response.getDetaileddiffMap().set(key, new providerPb.PropertyDiff().setKind(PROPERTY_DIFF_KINDS[change]).setInputdiff(false));
      }
      return response;
    }),
    create: unary(async (req: providerPb.CreateRequest) => {
      const inputs = unwrap(req.getProperties());
      const result = await mutating(req.getUrn(), () => lifecycle.create(withRequestTimeout(inputs.props, "create", req.getTimeout())));
      return new providerPb.CreateResponse().setId(result.id).setProperties(toStruct({ ...result.outs }, inputs.secret));
    }, (req) => unwrap(req.getProperties()).secret),
    read: unary(async (req: providerPb.ReadRequest) => {
      const state = unwrap(req.getProperties());
      const id = req.getId();
      const stateless = Object.keys(state.props).length === 0;
      const stored = unwrap(req.getInputs()).props;
      const declared = stateless || Object.keys(stored).length === 0 ? undefined : stored;
      const result = await logged(req.getUrn(), () => lifecycle.read(id, state.props, declared));
      const response = new providerPb.ReadResponse().setId(result.id ?? "");
      if (!result.id) return response;
      const inputs = stateless ? importedInputs(id, result.inputs as Props) : (result.inputs as Props);
      const props = stateless ? { ...(result.props as Props), adoptInstanceId: id } : (result.props as Props);
      return response.setProperties(toStruct(props, state.secret)).setInputs(toStruct(inputs, state.secret));
    }),
    update: unary(async (req: providerPb.UpdateRequest) => {
      const olds = unwrap(req.getOlds());
      const news = unwrap(req.getNews());
      const result = await mutating(req.getUrn(),
        () => lifecycle.update(req.getId(), olds.props, withRequestTimeout(news.props, "update", req.getTimeout())));
      const secret = new Set([...olds.secret, ...news.secret]);
      return new providerPb.UpdateResponse().setProperties(toStruct({ ...result.outs }, secret));
    }, (req) => secretNews(req)),
    delete: unary(async (req: providerPb.DeleteRequest) => {
      const state = unwrap(req.getProperties()).props;
      await mutating(req.getUrn(), () => lifecycle.delete(req.getId(), withRequestTimeout(state, "delete", req.getTimeout())));
      return new emptyPb.Empty();
    }),
    handshake: unimplemented("Handshake"),
    parameterize: unimplemented("Parameterize"),
    construct: unimplemented("Construct"),
    call: unimplemented("Call"),
    getMapping: unimplemented("GetMapping"),
    getMappings: unimplemented("GetMappings"),
    list: (call: grpcTypes.ServerWritableStream<unknown, unknown>) =>
      call.destroy(Object.assign(new Error("List is not implemented"), { code: grpc.status.UNIMPLEMENTED })),
  };
}

export { ResourceProviderService };
