// The demo program of the repository's own Pulumi.yaml: a small fleet of Zenlayer VMs.
// `npm run demo` runs it against the local simulator; pointed at the real API (see docs/installation-configuration.md) it
// creates real, billed instances.
import * as pulumi from "@pulumi/pulumi";
import { Instance, getImage } from "pulumi-zenlayer-vm";

const config = new pulumi.Config();
const bandwidth = config.getNumber("bandwidth") ?? 1;
const password = config.requireSecret("vmPassword");

const web = ["SEL-A", "HKG-A"].map(
  (zoneId, i) =>
    new Instance(`web-${i}`, {
      zoneId,
      instanceType: "c.1c2g",
      // A read-only lookup (DescribeImages) instead of a hard-coded image id.
      imageId: getImage({ zoneId, nameRegex: "^ubuntu" }).then((image) => image.imageId),
      password,
      internetMaxBandwidthOut: bandwidth,
      tags: { app: "demo", tier: "web" },
      timeouts: { create: "5m", delete: "5m" },
    }),
);

export const instanceIds = web.map((vm) => vm.instanceId);
export const publicIps = web.map((vm) => vm.publicIpAddresses);
export const statuses = web.map((vm) => vm.instanceStatus);
