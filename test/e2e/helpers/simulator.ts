/** The simulator for e2e tests: a real HTTP server on loopback with short, test-sized durations. */
import { startSimulator, type InstanceStatus, type RunningSimulator } from "../../../simulator";
import { IMAGES } from "../../../simulator/model/catalogue";
import type { TestStack } from "./stack";

/** State durations short enough for a test, long enough for the provider to see every state. */
export const E2E_DURATIONS = {
  pendingMs: 400,
  deployingMs: 800,
  rebuildingMs: 800,
  stoppingMs: 300,
  bootingMs: 300,
  rebootMs: 300,
  recyclingMs: 400,
  releasingMs: 300,
  bandwidthChangeMs: 300,
};

/** Starts a simulator and returns it with the environment that points the provider at it. */
export async function startE2eSimulator() {
  const sim = await startSimulator({ port: 0, durations: E2E_DURATIONS });
  return { sim, providerEnv: providerEnvFor(sim) };
}

/** The environment that points the provider (in the CLI's plugin process) at a simulator. */
export function providerEnvFor(sim: RunningSimulator): Record<string, string> {
  return {
    ZENLAYERCLOUD_DOMAIN: sim.domain,
    ZENLAYERCLOUD_SCHEME: "http",
    ZENLAYERCLOUD_ACCESS_KEY_ID: sim.accessKeyId,
    ZENLAYERCLOUD_ACCESS_KEY_PASSWORD: sim.accessKeyPassword,
    // Poll every 200 ms instead of 1 s: the simulator's states last well under a second here.
    ZENLAYER_VM_POLL_INTERVAL_MS: "200",
  };
}

/**
 * Points a stack at a simulator through stack config, as a user configures the provider (the
 * access key password as a secret); it wins over the environment.
 */
export async function configureStackFor(stack: TestStack, sim: RunningSimulator): Promise<void> {
  await stack.setConfig("zenlayer:domain", sim.domain);
  await stack.setConfig("zenlayer:scheme", "http");
  await stack.setConfig("zenlayer:accessKeyId", sim.accessKeyId);
  await stack.setConfig("zenlayer:accessKeyPassword", sim.accessKeyPassword, true);
}

/** Actions that change something: none of them may run during a preview. */
export const MUTATING_ACTIONS = [
  "CreateInstances", "ModifyInstancesAttribute", "ModifyInstancesResourceGroup", "ModifyInstanceBandwidth",
  "ResetInstancesPassword", "StartInstances", "StopInstances", "RebootInstances", "ResetInstance",
  "TerminateInstance", "ReleaseInstances", "ModifyInstanceTrafficPackage", "ModifyInstanceType",
  "AssociateSecurityGroupInstance", "UnAssociateSecurityGroupInstance", "ModifyResourceTags",
];

/** An Ubuntu image id of the simulator's catalogue available in the zone. */
export function imageFor(zoneId: string): string {
  const image = IMAGES.find((i) => i.imageName.startsWith("Ubuntu 22.04") && i.zoneIds.includes(zoneId));
  if (!image) throw new Error(`no Ubuntu image in ${zoneId}`);
  return image.imageId;
}

/**
 * Keeps `instanceId` in `status` until the provider has called `action` (counted since the last
 * stats reset), then lets it move on to `then` shortly after: a hold as long as the CLI needs to
 * reach that call on a busy machine, instead of a guessed number of seconds. Call before starting
 * the CLI command, and await the result while it runs.
 */
export function holdUntilCalled(sim: RunningSimulator, instanceId: string, status: InstanceStatus, then: InstanceStatus, action: string) {
  sim.control.holdStatus(instanceId, status, 600_000, then);
  return (async () => {
    const deadline = Date.now() + 300_000;
    while (!(sim.control.stats().requests[action] ?? 0)) {
      if (Date.now() > deadline) throw new Error(`${action} was not called within 5 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    sim.control.holdStatus(instanceId, status, 500, then);
  })();
}
