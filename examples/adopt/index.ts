// Existing instances (made in the console, or by another tool):
//  - `Instance.get` reads one without managing it (read-only; destroy leaves it alone);
//  - `adoptInstanceId` brings one under management: `pulumi up` creates nothing, checks that the
//    declared configuration matches the instance, applies in-place differences (name, bandwidth,
//    resource group), and from then on the stack owns it (`pulumi destroy` terminates it).
// `pulumi import` cannot work for dynamic providers (pulumi/pulumi#16175); this is the alternative.
import * as pulumi from "@pulumi/pulumi";
import { Instance } from "pulumi-zenlayer-vm";

const config = new pulumi.Config();

const observed = Instance.get("observed", config.require("observedInstanceId"));
export const observedStatus = observed.instanceStatus;
export const observedName = observed.instanceName;

const adoptId = config.get("adoptInstanceId");
const adopted = adoptId
  ? new Instance("adopted", {
      adoptInstanceId: adoptId,
      zoneId: config.require("zoneId"),
      instanceType: config.require("instanceType"),
      imageId: config.require("imageId"),
      instanceName: config.get("instanceName"),
      internetMaxBandwidthOut: config.getNumber("bandwidth"),
    })
  : undefined;
export const adoptedId = adopted?.instanceId;
export const adoptedName = adopted?.instanceName;
