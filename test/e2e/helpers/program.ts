/**
 * The e2e Pulumi program: Instances declared from the stack config `instances` (a JSON map of
 * resource name → InstanceArgs), so a test changes the desired state with `pulumi config set`
 * instead of rewriting code. The VM password comes from the secret config `vmPassword`.
 */
export const CONFIG_DRIVEN_PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import { Instance } from "pulumi-zenlayer-vm";

const config = new pulumi.Config();
const specs = config.requireObject<Record<string, Record<string, unknown>>>("instances");
const password = config.getSecret("vmPassword");

const vms = Object.entries(specs).map(([name, spec]) => {
  const args = { ...spec, password: spec.keyId ? undefined : password } as any;
  return new Instance(name, args);
});

export const instances = pulumi.all(
  vms.map((vm) =>
    pulumi.all([vm.instanceId, vm.instanceName, vm.instanceStatus, vm.publicIpAddresses, vm.internetMaxBandwidthOut, vm.instanceType]).apply(
      ([id, name, status, ips, bandwidth, type]) => ({ id, name, status, ips, bandwidth, type }),
    ),
  ),
);
`;

/** One instance's fields as exported by {@link CONFIG_DRIVEN_PROGRAM}. */
export interface ExportedInstance { id: string; name: string; status: string; ips: string[]; bandwidth: number; type: string }
