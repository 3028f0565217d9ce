/**
 * `InstanceProvider`: the object Pulumi serializes into every Instance's `__provider` input.
 *
 * Closure serialization copies local modules BY VALUE (zod schemas, the HTTP client and their
 * native internals would fail to serialize or bloat every resource's state; pulumi/pulumi#5294,
 * #13960). So this class captures nothing but a string: each method requires the implementation
 * by its package path at run time, in the provider host, where the package is installed under
 * the program's node_modules. Keep it that way: no instance fields, no module-level objects, no
 * imports used at run time (type-only imports are erased). Credentials are never captured here;
 * they come from `configure` (stack config) or the environment, inside the implementation.
 *
 * The host caches the deserialized provider for the life of its process, and Node caches the
 * required module, so the implementation's module state (client, shared status poller) serves
 * every resource of a deployment.
 *
 * Where the package is installed under node_modules (as users get it), Instance hands Pulumi the
 * implementation module itself instead (providerForPulumi): Pulumi serializes a module it finds
 * under node_modules as a `require()` of its path, which is a tenth of this class's text.
 */
import type * as pulumi from "@pulumi/pulumi";

// Resolved from the program's folder at run time; package.json `exports` exposes ./dist/*.
// In Jest, jest.config.js maps it back to the TypeScript source.
/** Inputs or outputs as the provider host passes them (plain JSON values). */
type Props = Record<string, unknown>;

// Every existing stack names this path in its resources' state (Pulumi stores the require()), and
// refresh and destroy load the provider from the state: the package must keep serving it.
const IMPLEMENTATION = "pulumi-zenlayer-vm/dist/provider/lifecycle/provider.js";

function implementation(): typeof import("./lifecycle/provider") {
  return require(IMPLEMENTATION);
}

/**
 * The provider Instance gives Pulumi. The implementation module itself where the package is
 * installed under node_modules: Pulumi then stores `require("pulumi-zenlayer-vm/dist/provider/lifecycle/provider.js")`
 * (about 300 bytes of `__provider` in every resource's state) and the provider host loads it from
 * the program's node_modules. Anywhere else (a linked or cloned checkout) Pulumi would copy that
 * module by value, which fails; there it is an InstanceProvider, which captures only the path.
 * Pulumi decides by the same test: a `node_modules` folder in the path the module was loaded from.
 */
export function providerForPulumi(): pulumi.dynamic.ResourceProvider {
  const installed = require.resolve(IMPLEMENTATION).split(/[\\/]/).includes("node_modules");
  return installed ? implementation() : new InstanceProvider();
}

/** The dynamic provider for Zenlayer VM instances (see sdk/instance.ts). Takes no arguments. */
export class InstanceProvider implements pulumi.dynamic.ResourceProvider {
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    return implementation().configure(req);
  }

  async check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    return implementation().check(olds, news);
  }

  async diff(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    return implementation().diff(id, olds, news);
  }

  async create(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
    return implementation().create(inputs);
  }

  async read(id: string, props?: Props): Promise<pulumi.dynamic.ReadResult> {
    return implementation().read(id, props);
  }

  async update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    return implementation().update(id, olds, news);
  }

  async delete(id: string, props: Props): Promise<void> {
    return implementation().delete(id, props);
  }
}
