/**
 * The provider's implementation, loaded at run time by the serialized shim (provider/index.ts).
 * Each method maps one engine call onto the lifecycle modules; the module state (settings, the
 * client, the shared status poller) lives in settings.ts and context.ts.
 */
import type {
  CheckResult, ConfigureRequest, CreateResult, DiffResult, ReadResult, UpdateResult,
} from "@pulumi/pulumi/dynamic";
import { checkInputs } from "./inputs/check";
import { currentContext, type Ctx, operationLog, ownersInState } from "./runtime/context";
import { replacementCredentialFailures } from "./operations/adopt";
import { createInstance } from "./operations/create";
import { declaredPaths, recordedPaths, recordingDeclared } from "./operations/declared";
import { deleteInstance } from "./operations/delete";
import { reportOrphans } from "./operations/orphans";
import { diffInstance, replacementLine } from "./diff/diff";
import { messageOf, PartialFailure } from "./errors";
import type { InstanceOutputs } from "./operations/outputs";
import { readInstance } from "./operations/read";
import { pricePreview } from "./prices/session";
import { configureSettings } from "./runtime/settings";
import { updateInstance } from "./operations/update";

type Raw = Record<string, unknown>;

/** Stack config: credentials, endpoint and tuning (settings.ts lists the keys). */
export async function configure(req: ConfigureRequest): Promise<void> {
  exitWhenOrphaned();
  configureSettings(req.config);
}

let parentWatch: NodeJS.Timeout | undefined;

/**
 * The engine starts this process and stops it when a deployment ends; if the engine itself is
 * killed (SIGKILL, a crash, a closed terminal) nothing stops it, and a wait in progress would go on
 * polling the API, printing into a closed pipe, for as long as its timeout allows. A provider
 * whose engine is gone can report nothing, and the next `pulumi up` repairs what it was doing (the
 * owner tag), so it exits as soon as its parent process changes. Checked once a second; the timer
 * never keeps the process alive by itself.
 */
function exitWhenOrphaned(): void {
  if (parentWatch) return;
  const parent = process.ppid;
  parentWatch = setInterval(() => {
    if (process.ppid !== parent) process.exit(1);
  }, 1000);
  parentWatch.unref();
}

/**
 * Validation, defaults and auto-naming, and the refusal of a replacement the create could not
 * make (operations/adopt.ts). The only network call: a new instance's price line
 * (prices/preview-prices.ts; bounded in time, never failing the check).
 */
export async function check(olds: Raw, news: Raw): Promise<CheckResult> {
  if (Object.keys(olds ?? {}).length > 0) rememberOwner(olds, news);
  const checked = checkInputs(olds, news);
  const failures = [...(checked.failures ?? []), ...replacementCredentialFailures(olds ?? {}, checked.inputs ?? {})];
  if (checked.inputs && failures.length === 0) await pricePreview().onCheck(olds ?? {}, checked.inputs);
  return { ...checked, failures };
}

/**
 * What changes and whether it replaces. The only network call: the price line of a replacement
 * or a priced change (as in check).
 */
export async function diff(id: string, olds: Raw, news: Raw): Promise<DiffResult> {
  rememberOwner(olds, news);
  const { changes, replaces, deleteBeforeReplace } = diffInstance(olds, news);
  if (replaces) operationLog.info(replacementLine(resourceLabel(id, olds, news), olds ?? {}, news ?? {}, replaces));
  await pricePreview().onDiff(id, olds ?? {}, news ?? {}, { changes, ...(replaces ? { replaces } : {}) });
  return replaces ? { changes, replaces, deleteBeforeReplace } : { changes };
}

/** Creates (or adopts) the instance. */
export async function create(inputs: Raw): Promise<CreateResult<InstanceOutputs>> {
  return keepingState(inputs, inputs, () => createInstance(context("create the instance"), inputs));
}

/**
 * Refresh or lookup; then, once per stack, the instances made for the stack that its state does not
 * hold (orphans.ts). `declared`: the stack's inputs, when the caller has them (the plugin's Read);
 * otherwise the paths recorded in `props` (declared.ts).
 */
export async function read(id: string, props?: Raw, declared?: Raw): Promise<ReadResult> {
  rememberOwner(props);
  const ctx = context(`read ${id}`);
  const paths = declared ? declaredPaths(declared) : recordedPaths(props ?? {});
  const result = await readInstance(ctx, id, props ?? {}, paths, declared);
  await reportOrphans(ctx, id, props ?? {});
  return paths && result.id ? { ...result, props: recordingDeclared(result.props as Raw, paths) } : result;
}

/** In-place changes. */
export async function update(id: string, olds: Raw, news: Raw): Promise<UpdateResult<InstanceOutputs>> {
  rememberOwner(olds, news);
  return keepingState(news.__provider === undefined ? olds : news, news, () => updateInstance(context(`update ${id}`), id, olds, news));
}

/**
 * Runs a create or update (adoption included) and records the declared paths of `inputs` in its
 * outputs, or in a partial failure's properties (declared.ts). The provider host adds `__provider`
 * to the outputs of a success, but not to the properties of a partial failure: without it the
 * state's copy of the resource could not be loaded again, and the next refresh or destroy of the
 * kept instance would fail ("code must be a string"). So every partial failure carries it from
 * `providerFrom`.
 */
async function keepingState<T extends { outs?: object }>(providerFrom: Raw, inputs: Raw, run: () => Promise<T>): Promise<T> {
  const paths = declaredPaths(inputs);
  try {
    const result = await run();
    return { ...result, outs: recordingDeclared(result.outs ?? {}, paths) };
  } catch (e) {
    if (e instanceof PartialFailure) {
      Object.assign(e.properties, recordingDeclared({}, paths));
      if (providerFrom.__provider !== undefined) e.properties.__provider = providerFrom.__provider;
    }
    throw e;
  }
}

/**
 * TerminateInstance, waiting out a busy instance, and the recycle-bin handling (delete.ts); then,
 * once per stack, the instances made for the stack that its state does not hold (orphans.ts).
 */
async function deleteResource(id: string, props: Raw): Promise<void> {
  const ctx = context(`delete ${id}`);
  await deleteInstance(ctx, id, props ?? {});
  await reportOrphans(ctx, id, props ?? {});
}
export { deleteResource as delete };

/** The context, or an actionable error naming the operation (e.g. missing credentials). */
function context(what: string): Ctx {
  exitWhenOrphaned();
  try {
    return currentContext();
  } catch (e) {
    throw new Error(`Cannot ${what}: ${messageOf(e)}`);
  }
}

/** The resource's name for a line about it: its Pulumi name, else the instance's name, else its id. */
function resourceLabel(id: string, olds: Raw | undefined, news: Raw | undefined): string {
  for (const v of [news?.__resourceName, olds?.__resourceName, olds?.instanceName]) {
    if (typeof v === "string" && v !== "") return v;
  }
  return id;
}

/**
 * See Ctx.ownersInState: the resource these properties belong to is in state. Both the stored
 * and the new properties count: state written by an import may carry no owner.
 */
function rememberOwner(...props: (Raw | undefined)[]): void {
  for (const owner of props.map((p) => p?.__owner)) {
    if (typeof owner === "string" && owner !== "") ownersInState.add(owner);
  }
}
