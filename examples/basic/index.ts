// One Zenlayer VM and the outputs people reference.
import * as pulumi from "@pulumi/pulumi";
import { Instance } from "pulumi-zenlayer-vm";

const config = new pulumi.Config();

const vm = new Instance("basic", {
  zoneId: config.get("zoneId") ?? "SEL-A",
  instanceType: config.get("instanceType") ?? "c.1c2g",
  imageId: config.require("imageId"),
  password: config.requireSecret("vmPassword"),
  internetMaxBandwidthOut: config.getNumber("bandwidth") ?? 1,
  tags: { example: "basic" },
});

export const instanceId = vm.instanceId;
export const instanceName = vm.instanceName;
export const status = vm.instanceStatus;
export const publicIp = vm.publicIpAddresses.apply((ips) => ips[0]);
export const privateIp = vm.privateIpAddresses.apply((ips) => ips[0]);
export const cpuCount = vm.cpuCount;
export const memory = vm.memory;
export const imageName = vm.imageName;
export const systemDiskId = vm.systemDisk.apply((disk) => disk?.diskId);
