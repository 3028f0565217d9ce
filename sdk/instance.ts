/**
 * `Instance`: a Zenlayer Cloud VM instance as a Pulumi resource (type token
 * `pulumi-nodejs:dynamic/zenlayer:Instance`). Inputs mirror CreateInstances' field names, so
 * Zenlayer's API documentation carries over. Credentials and endpoint come from stack config
 * (`zenlayer:accessKeyId`, `zenlayer:accessKeyPassword` as a secret, `zenlayer:domain`,
 * `zenlayer:scheme`) or the `ZENLAYERCLOUD_*` environment variables.
 */
import * as pulumi from "@pulumi/pulumi";
import { providerForPulumi } from "../provider";

/** The stack's organization; undefined where the runtime names none (tests with mocks that set no organization). */
function organization(): string | undefined {
  try {
    return pulumi.getOrganization();
  } catch {
    return undefined;
  }
}

/** System disk as requested. */
export interface SystemDiskArgs {
  /** Size in GB (at least the image's size). */
  diskSize?: pulumi.Input<number>;
  /** Disk category, e.g. `Standard NVMe SSD` (the API's default when omitted). */
  diskCategory?: pulumi.Input<string>;
}

/** A data disk created with the instance (and deleted with it). */
export interface DataDiskArgs {
  /** Size in GB. */
  diskSize: pulumi.Input<number>;
  diskCategory?: pulumi.Input<string>;
  diskName?: pulumi.Input<string>;
}

/** How long each operation may wait, as duration strings: `"90s"`, `"20m"`, `"1h30m"`. */
export interface InstanceTimeouts {
  /** Until the instance is RUNNING. Default `"90m"`. */
  create?: pulumi.Input<string>;
  /** In-place changes, including waiting for a bandwidth change. Default `"90m"`. */
  update?: pulumi.Input<string>;
  /** Waiting out creating/installing states, the recycle bin and the release. Default `"20m"`. */
  delete?: pulumi.Input<string>;
}

/** The inputs of an {@link Instance}. Changing a property marked "replaces" creates a new VM (delete first). */
export interface InstanceArgs {
  /** Zone, e.g. `SEL-A`. Replaces. */
  zoneId: pulumi.Input<string>;
  /** Instance type, e.g. `c.1c2g`. Changed in place (ModifyInstanceType; id, addresses and disks stay). */
  instanceType: pulumi.Input<string>;
  /**
   * Image id (see `getImage`). Changed in place by a reinstall: stop, ResetInstance, start. The
   * system disk is rewritten; the id, addresses and data disks stay.
   */
  imageId: pulumi.Input<string>;
  /**
   * Name: at most 64 letters, digits, `-` and `.`. Default: the resource name plus a random
   * suffix. Changed in place.
   */
  instanceName?: pulumi.Input<string>;
  /**
   * Login password: 8–16 characters with a lower-case letter, an upper-case letter, a digit and
   * one of `!@#$%^&*~()-+=`. Exactly one of `password` and `keyId`. Stored as a secret. Changed
   * in place (ResetInstancesPassword).
   */
  password?: pulumi.Input<string>;
  /** SSH key pair id instead of a password. Changed in place by a reinstall (the system disk is rewritten). */
  keyId?: pulumi.Input<string>;
  /** `POSTPAID` (default, pay as you go) or `PREPAID` (subscription). Replaces. */
  instanceChargeType?: pulumi.Input<"POSTPAID" | "PREPAID">;
  /** Subscription period in months; required with PREPAID. Replaces. */
  instanceChargePrepaid?: pulumi.Input<{ period: pulumi.Input<number> }>;
  /** Network billing: `ByBandwidth` (default), `ByTrafficPackage`, `ByInstanceBandwidth95`, `ByClusterBandwidth95`, `BandwidthCluster`. Replaces. */
  internetChargeType?: pulumi.Input<string>;
  /** Public bandwidth cap in Mbps (at least 1; the API's default is 1). Changed in place. */
  internetMaxBandwidthOut?: pulumi.Input<number>;
  /** Traffic package in TB, with `ByTrafficPackage` only. Changed in place (ModifyInstanceTrafficPackage). */
  trafficPackageSize?: pulumi.Input<number>;
  /** Subnet. Replaces. */
  subnetId?: pulumi.Input<string>;
  /** Resource group (the account's default when omitted). Changed in place. */
  resourceGroupId?: pulumi.Input<string>;
  /** System disk. Replaces. */
  systemDisk?: pulumi.Input<SystemDiskArgs>;
  /** Data disks. Replaces. */
  dataDisks?: pulumi.Input<pulumi.Input<DataDiskArgs>[]>;
  /** Security group. Changed in place (AssociateSecurityGroupInstance, then UnAssociateSecurityGroupInstance from the others). */
  securityGroupId?: pulumi.Input<string>;
  /** Tags, keys and values 1-64 characters. Changed in place (the Resource Manager's ModifyResourceTags). The key `pulumi-owner` is reserved. */
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * `RUNNING` (default) or `STOPPED`. Changed in place (StartInstances / StopInstances); a refresh
   * shows an instance started or stopped outside Pulumi, and the next `pulumi up` restores this.
   */
  powerState?: pulumi.Input<"RUNNING" | "STOPPED">;
  /**
   * On delete, also release the instance from Zenlayer's recycle bin (irreversible). Default
   * false: a deleted instance waits in the recycle bin, restorable for about 24 hours and no longer
   * billed as running. Recorded in state without touching the instance.
   */
  forceDelete?: pulumi.Input<boolean>;
  /** Wait limits (customTimeouts never reach a dynamic provider). Recorded without touching the instance. */
  timeouts?: pulumi.Input<InstanceTimeouts>;
  /**
   * Bring an existing instance (e.g. made in the console) under management instead of creating
   * one (`pulumi import` cannot work for dynamic resources). Inputs adoption does not change
   * (zone, type, image, key, charge types, subnet, security group, disks) must match the instance;
   * name, resource group, tags, bandwidth, power state and (when given) password are applied in place.
   * With it, `password` and `keyId` may both be omitted. Later changes to it do nothing, and a
   * replacement creates a new instance (which needs `password` or `keyId`).
   */
  adoptInstanceId?: pulumi.Input<string>;
}

/** The system disk as reported. */
export interface SystemDiskOutput { diskId?: string; diskSize?: number; diskCategory?: string }

/** Every output key, seeded as undefined so the engine fills them (pulumi/pulumi#12160). */
export const OUTPUT_KEYS = [
  "instanceId", "instanceStatus", "publicIpAddresses", "privateIpAddresses", "cpuCount", "memory", "imageName",
  "createTime", "expiredTime", "systemDisk", "zoneId", "instanceType", "imageId", "instanceName", "password", "keyId",
  "instanceChargeType", "instanceChargePrepaid", "internetChargeType", "internetMaxBandwidthOut", "trafficPackageSize",
  "subnetId", "resourceGroupId", "dataDisks", "securityGroupId", "tags", "powerState", "forceDelete", "timeouts", "adoptInstanceId",
] as const;

/** A Zenlayer Cloud VM instance. */
export class Instance extends pulumi.dynamic.Resource {
  /** The instance id (`ins-…`), also the resource id. */
  declare readonly instanceId: pulumi.Output<string>;
  /** RUNNING, STOPPED, … (CREATE_FAILED only if a failed create could not be cleaned up). */
  declare readonly instanceStatus: pulumi.Output<string>;
  /** Public IPv4 addresses, sorted. */
  declare readonly publicIpAddresses: pulumi.Output<string[]>;
  /** Private addresses, sorted. */
  declare readonly privateIpAddresses: pulumi.Output<string[]>;
  declare readonly cpuCount: pulumi.Output<number>;
  /** Memory in GB. */
  declare readonly memory: pulumi.Output<number>;
  declare readonly imageName: pulumi.Output<string>;
  /** ISO-8601 UTC. */
  declare readonly createTime: pulumi.Output<string>;
  /** ISO-8601 UTC; subscriptions only. */
  declare readonly expiredTime: pulumi.Output<string | undefined>;
  declare readonly systemDisk: pulumi.Output<SystemDiskOutput | undefined>;
  declare readonly zoneId: pulumi.Output<string>;
  declare readonly instanceType: pulumi.Output<string>;
  declare readonly imageId: pulumi.Output<string>;
  declare readonly instanceName: pulumi.Output<string>;
  /** Secret. */
  declare readonly password: pulumi.Output<string | undefined>;
  declare readonly keyId: pulumi.Output<string | undefined>;
  declare readonly instanceChargeType: pulumi.Output<"POSTPAID" | "PREPAID">;
  declare readonly instanceChargePrepaid: pulumi.Output<{ period: number } | undefined>;
  declare readonly internetChargeType: pulumi.Output<string>;
  declare readonly internetMaxBandwidthOut: pulumi.Output<number>;
  declare readonly trafficPackageSize: pulumi.Output<number | undefined>;
  declare readonly subnetId: pulumi.Output<string | undefined>;
  declare readonly resourceGroupId: pulumi.Output<string | undefined>;
  declare readonly dataDisks: pulumi.Output<{ diskSize: number; diskCategory?: string; diskName?: string }[] | undefined>;
  declare readonly securityGroupId: pulumi.Output<string | undefined>;
  declare readonly tags: pulumi.Output<Record<string, string> | undefined>;
  /** RUNNING or STOPPED, as last reported (the declared value while the instance is in between). */
  declare readonly powerState: pulumi.Output<"RUNNING" | "STOPPED">;
  declare readonly forceDelete: pulumi.Output<boolean>;
  declare readonly timeouts: pulumi.Output<{ create: string; update: string; delete: string }>;
  declare readonly adoptInstanceId: pulumi.Output<string | undefined>;

  /**
   * Creates (or, with `adoptInstanceId`, adopts) an instance. `opts.id` makes it a read-only
   * lookup of an existing instance instead (prefer {@link Instance.get}).
   */
  constructor(name: string, args: InstanceArgs, opts?: pulumi.CustomResourceOptions) {
    const outputSlots: Record<string, unknown> = Object.fromEntries(OUTPUT_KEYS.map((key) => [key, undefined]));
    const props: Record<string, unknown> = opts?.id
      ? outputSlots
      : {
        ...outputSlots,
        ...args,
        password: args.password === undefined ? undefined : pulumi.secret(args.password),
        // Identify the logical resource and its stack: the lifecycle turns them into the owner and
        // stack tags on the instance (provider/lifecycle/inputs/owner.ts, stack-ref.ts), and the
        // name is the base of the auto-generated name. (Not "__name": Resource uses that property itself.)
        __owner: `${pulumi.getProject()}/${pulumi.getStack()}/${name}`,
        __resourceName: name,
        __stack: [organization(), pulumi.getProject(), pulumi.getStack()].filter((part) => part !== undefined).join("/"),
      };
    // Pulumi's SDK records a stack trace (`new Error().stack`) on every promise it makes, several per
    // property, for its report of leaked promises; a TypeScript program source-maps each one frame
    // by frame, and over this resource's 35 or so properties that was about 10 ms per instance, a
    // quarter of the program's CPU. Recorded without frames, those promises still name their
    // resource and property in a leak report. The resource's source position, which Pulumi captures
    // under its own limit, is unchanged.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(providerForPulumi(), name, props, {
        ...opts,
        additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "password"],
      }, "zenlayer", "Instance");
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
  }

  /**
   * A read-only lookup of an existing instance by id (the engine calls `read`; nothing is created,
   * changed or deleted). To manage an existing instance, use `adoptInstanceId` instead.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Instance {
    return new Instance(name, {} as InstanceArgs, { ...opts, id });
  }
}
