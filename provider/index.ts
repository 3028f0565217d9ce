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
 */
import type * as pulumi from "@pulumi/pulumi";

// Resolved from the program's folder at run time; package.json `exports` exposes ./dist/*.
// In Jest, jest.config.js maps it back to the TypeScript source.
/** Inputs or outputs as the provider host passes them (plain JSON values). */
type Props = Record<string, unknown>;

const IMPLEMENTATION = "pulumi-zenlayer-vm/dist/provider/lifecycle/provider.js";

function implementation(): typeof import("./lifecycle/provider") {
  return require(IMPLEMENTATION);
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
