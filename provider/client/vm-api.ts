/**
 * `VmClient`: the VmApi contract over HTTP. Each method names its action, its response schema and,
 * for the two actions that are not safe to repeat, how an ambiguous failure is handled.
 */
import type { z } from "zod";
import { type ClientOptions, type ResolvedClientConfig, resolveClientConfig } from "./config";
import { ambiguousCreateHint, reconcileCreate } from "./create-reconcile";
import { CallStats, type ClientStats, invoke, type InvokeContext, type Parsed } from "./invoke";
import type {
  InquiryPriceCreateInstanceRequest, InquiryPriceCreateInstanceResponse, Price, PriceApi,
} from "./price-types";
import { priceResponseSchemas as P } from "./price-schemas";
import { responseSchemas as S } from "./schemas";
import { type SendQueue, sharedSendQueue } from "./send-queue";
import { type ApiService, ZRM_SERVICE } from "./services";
import { createGotTransport, type Transport } from "./transport";
import type {
  Ack, CreateInstancesRequest, CreateInstancesResponse, DescribeInstancesRequest, ImageInfo, InstanceChargeType,
  InstanceInfo, InstanceStatusEntry, InstanceTypeQuota, InstanceTypeStatus, InternetStatus, ModifyResourceTagsRequest,
  PagedResponse, ResetInstanceRequest, Tag, VmApi, ZoneInfo,
} from "./types";

/** The Zenlayer VM API client. Configuration is resolved (and validated) in the constructor. */
export class VmClient implements VmApi, PriceApi {
  // Private fields: util.inspect and JSON never show them, so the credentials stay out of logs.
  readonly #config: ResolvedClientConfig;
  readonly #transport: Transport;
  readonly #stats = new CallStats();
  readonly #sendQueue: SendQueue | undefined;

  /** `transport` replaces the HTTP layer (tests); by default got is used. */
  constructor(options: ClientOptions = {}, transport?: Transport) {
    this.#config = resolveClientConfig(options);
    this.#transport = transport ?? createGotTransport(this.#config);
    this.#sendQueue = this.#config.adaptiveRate
      ? options.sendQueue ?? sharedSendQueue(this.#config.endpoint, this.#config.accessKeyId)
      : undefined;
  }

  get #ctx(): InvokeContext {
    return { config: this.#config, transport: this.#transport, stats: this.#stats, ...(this.#sendQueue ? { sendQueue: this.#sendQueue } : {}) };
  }

  /** HTTP attempts per action (retries and reconcile probes included) since construction or `resetStats()`. */
  get stats(): ClientStats {
    return this.#stats.snapshot();
  }

  /** Zeroes `stats`. */
  resetStats(): void {
    this.#stats.reset();
  }

  /** The endpoint calls go to, for messages (holds no secret). */
  get endpoint(): string {
    return this.#config.endpoint;
  }

  #call<T extends z.ZodType>(action: string, schema: T, params: object, service?: ApiService): Promise<Parsed<T>> {
    return invoke<T>(this.#ctx, action, params, schema, service ? { service } : {});
  }

  /** An action that places an order (a billing change): NOT repeated after an ambiguous failure. */
  async #order(action: string, params: { instanceId: string }, check: string): Promise<Ack & { orderNumber?: string }> {
    const ctx = this.#ctx;
    const res = await invoke(ctx, action, params, S.Order, {
      ambiguousHint: `The change may have been ordered although no clear answer arrived; it was not sent again. ` +
        `Check ${check} for instance ${params.instanceId} before retrying.`,
    });
    return { requestId: res.requestId, ...(res.orderNumber ? { orderNumber: res.orderNumber } : {}) };
  }

  /**
   * Re-POSTed only after failures that prove nothing was created (429, connection refused). After
   * an ambiguous one it reconciles by `instanceName` (see create-reconcile.ts), or throws with a
   * hint when the request has no name.
   */
  async createInstances(req: CreateInstancesRequest): Promise<CreateInstancesResponse> {
    const startedAtMs = this.#config.now();
    const ctx = this.#ctx;
    const res = await invoke(ctx, "CreateInstances", req, S.CreateInstances, {
      ambiguousHint: ambiguousCreateHint(req, startedAtMs),
      ...(req.instanceName
        ? { onAmbiguous: () => reconcileCreate(this.#config, (q) => this.describeInstances(q), req, startedAtMs) }
        : {}),
    });
    return { requestId: res.requestId, instanceIdSet: res.instanceIdSet, ...(res.orderNumber ? { orderNumber: res.orderNumber } : {}) };
  }

  /** One page of instances; `totalCount` falls back to the page length when absent. */
  async describeInstances(req: DescribeInstancesRequest): Promise<PagedResponse<InstanceInfo>> {
    const res = await this.#call("DescribeInstances", S.DescribeInstances, req);
    return { requestId: res.requestId, totalCount: res.totalCount ?? res.dataSet.length, dataSet: res.dataSet };
  }

  /** One page of `{instanceId, instanceStatus}`. */
  async describeInstancesStatus(req: { instanceIds: string[]; pageNum?: number; pageSize?: number }): Promise<PagedResponse<InstanceStatusEntry>> {
    const res = await this.#call("DescribeInstancesStatus", S.DescribeInstancesStatus, req);
    return { requestId: res.requestId, totalCount: res.totalCount ?? res.dataSet.length, dataSet: res.dataSet };
  }

  /** Renames instances (the only attribute this action changes). Idempotent. */
  async modifyInstancesAttribute(req: { instanceIds: string[]; instanceName: string }): Promise<Ack> {
    return ack(await this.#call("ModifyInstancesAttribute", S.Ack, req));
  }

  /** Moves instances to another resource group. Idempotent. */
  async modifyInstancesResourceGroup(req: { instanceIds: string[]; resourceGroupId: string }): Promise<Ack> {
    return ack(await this.#call("ModifyInstancesResourceGroup", S.Ack, req));
  }

  /** Places a bandwidth order; NOT repeated after an ambiguous failure (it could order twice). */
  async modifyInstanceBandwidth(req: { instanceId: string; internetMaxBandwidthOut: number }): Promise<Ack & { orderNumber?: string }> {
    const ctx = this.#ctx;
    const res = await invoke(ctx, "ModifyInstanceBandwidth", req, S.ModifyInstanceBandwidth, {
      ambiguousHint: `The bandwidth change may have been ordered although no clear answer arrived; it was not sent ` +
        `again. Check DescribeInstanceInternetStatus for instance ${req.instanceId} before retrying.`,
    });
    return { requestId: res.requestId, ...(res.orderNumber ? { orderNumber: res.orderNumber } : {}) };
  }

  /** Progress of a bandwidth change. */
  async describeInstanceInternetStatus(req: { instanceId: string }): Promise<InternetStatus> {
    const res = await this.#call("DescribeInstanceInternetStatus", S.DescribeInstanceInternetStatus, req);
    return { ...res, instanceId: res.instanceId ?? req.instanceId };
  }

  /** Sets a new password; the password is masked in every message. Idempotent. */
  async resetInstancesPassword(req: { instanceIds: string[]; password: string }): Promise<Ack> {
    return ack(await this.#call("ResetInstancesPassword", S.Ack, req));
  }

  /** Starts stopped instances. Idempotent. */
  async startInstances(req: { instanceIds: string[] }): Promise<Ack> {
    return ack(await this.#call("StartInstances", S.Ack, req));
  }

  /** Stops running instances. Idempotent. */
  async stopInstances(req: { instanceIds: string[]; forceShutdown?: boolean }): Promise<Ack> {
    return ack(await this.#call("StopInstances", S.Ack, req));
  }

  /**
   * Moves an instance to the recycle bin. Retried when ambiguous: a repeat of a terminate that did
   * happen answers OPERATION_DENIED_INSTANCE_RECYCLED or UNSUPPORTED_OPERATION_INSTANCE_BEING_RECYCLE.
   */
  async terminateInstance(req: { instanceId: string }): Promise<Ack> {
    return ack(await this.#call("TerminateInstance", S.Ack, req));
  }

  /** Releases recycled instances for good. A repeat of a release that happened answers not-found. */
  async releaseInstances(req: { instanceIds: string[] }): Promise<Ack> {
    return ack(await this.#call("ReleaseInstances", S.Ack, req));
  }

  /**
   * Reinstalls a STOPPED instance with `imageId` (and the login given). Not repeated after an
   * ambiguous failure: a second reinstall would be refused (the instance is REBUILDING) or wipe
   * the system disk again.
   */
  async resetInstance(req: ResetInstanceRequest): Promise<Ack> {
    const ctx = this.#ctx;
    const res = await invoke(ctx, "ResetInstance", req, S.Ack, {
      ambiguousHint: `The reinstall may have started although no clear answer arrived; it was not sent again. ` +
        `Check the status of instance ${req.instanceId} (REBUILDING means it started) before retrying.`,
    });
    return ack(res);
  }

  /** Orders a new traffic package size (TB); progress in DescribeInstanceInternetStatus. */
  modifyInstanceTrafficPackage(req: { instanceId: string; trafficPackageSize: number }): Promise<Ack & { orderNumber?: string }> {
    return this.#order("ModifyInstanceTrafficPackage", req, "DescribeInstanceInternetStatus");
  }

  /** Orders another instance type (note the field name `instanceTypeId`); progress in DescribeInstanceTypeStatus. */
  modifyInstanceType(req: { instanceId: string; instanceTypeId: string }): Promise<Ack & { orderNumber?: string }> {
    return this.#order("ModifyInstanceType", req, "DescribeInstanceTypeStatus");
  }

  /** Progress of an instance type change. */
  async describeInstanceTypeStatus(req: { instanceId: string }): Promise<InstanceTypeStatus> {
    const res = await this.#call("DescribeInstanceTypeStatus", S.DescribeInstanceTypeStatus, req);
    return { ...res, instanceId: res.instanceId ?? req.instanceId };
  }

  /** Adds the instance to a security group. Idempotent. */
  async associateSecurityGroupInstance(req: { securityGroupId: string; instanceId: string }): Promise<Ack> {
    return ack(await this.#call("AssociateSecurityGroupInstance", S.Ack, req));
  }

  /** Removes the instance from a security group. Idempotent. */
  async unAssociateSecurityGroupInstance(req: { securityGroupId: string; instanceId: string }): Promise<Ack> {
    return ack(await this.#call("UnAssociateSecurityGroupInstance", S.Ack, req));
  }

  /** Sets (`replaceTags`) and removes (`deleteTagKeys`) tags of one resource, in the Resource Manager. Idempotent. */
  async modifyResourceTags(req: ModifyResourceTagsRequest): Promise<Ack> {
    return ack(await this.#call("ModifyResourceTags", S.Ack, req, ZRM_SERVICE));
  }

  /** The tags of one resource, from the Resource Manager. */
  async describeResourceTags(req: { resourceUuid: string }): Promise<{ requestId: string; tags: Tag[] }> {
    const res = await this.#call("DescribeResourceTags", S.DescribeResourceTags, req, ZRM_SERVICE);
    return { requestId: res.requestId, tags: res.dataSet.map((t) => (t.value === undefined ? { key: t.key } : { key: t.key, value: t.value })) };
  }

  /** Zones, optionally filtered by id. */
  async describeZones(req: { zoneIds?: string[] }): Promise<{ requestId: string; zoneSet: ZoneInfo[] }> {
    const res = await this.#call("DescribeZones", S.DescribeZones, req);
    return { requestId: res.requestId, zoneSet: res.zoneSet };
  }

  /** Instance types sellable in a zone for a charge type. */
  async describeZoneInstanceConfigInfos(req: { instanceChargeType: InstanceChargeType; zoneId?: string; instanceType?: string }): Promise<{ requestId: string; instanceTypeQuotaSet: InstanceTypeQuota[] }> {
    const res = await this.#call("DescribeZoneInstanceConfigInfos", S.DescribeZoneInstanceConfigInfos, req);
    return { requestId: res.requestId, instanceTypeQuotaSet: res.instanceTypeQuotaSet };
  }

  /** One page of images. */
  async describeImages(req: { zoneId?: string; imageIds?: string[]; imageName?: string; osType?: string; pageNum?: number; pageSize?: number }): Promise<PagedResponse<ImageInfo>> {
    const res = await this.#call("DescribeImages", S.DescribeImages, req);
    return { requestId: res.requestId, totalCount: res.totalCount ?? res.dataSet.length, dataSet: res.dataSet };
  }

  /** The price of an instance CreateInstances would make from these parameters. A read: safe to repeat. */
  async inquiryPriceCreateInstance(req: InquiryPriceCreateInstanceRequest): Promise<InquiryPriceCreateInstanceResponse> {
    const res = await this.#call("InquiryPriceCreateInstance", P.InquiryPriceCreateInstance, req);
    return {
      requestId: res.requestId,
      bandwidthPrice: res.bandwidthPrice,
      ...(res.instancePrice ? { instancePrice: res.instancePrice } : {}),
      ...(res.eipPrice ? { eipPrice: res.eipPrice } : {}),
      ...(res.systemDiskPrice ? { systemDiskPrice: res.systemDiskPrice } : {}),
      ...(res.dataDiskPrice ? { dataDiskPrice: res.dataDiskPrice } : {}),
    };
  }

  /** The price of an instance's bandwidth at a new value. */
  async inquiryPriceInstanceBandwidth(req: { instanceId: string; internetMaxBandwidthOut: number }): Promise<{ requestId: string; bandwidthPrice: Price[] }> {
    const res = await this.#call("InquiryPriceInstanceBandwidth", P.InquiryPriceInstanceBandwidth, req);
    return { requestId: res.requestId, bandwidthPrice: res.bandwidthPrice };
  }

  /** The price of a traffic package of a new size (TB) for an instance charged ByTrafficPackage. */
  async inquiryPriceInstanceTrafficPackage(req: { instanceId: string; trafficPackageSize: number }): Promise<{ requestId: string; trafficPackagePrice: Price[] }> {
    const res = await this.#call("InquiryPriceInstanceTrafficPackage", P.InquiryPriceInstanceTrafficPackage, req);
    return { requestId: res.requestId, trafficPackagePrice: res.trafficPackagePrice };
  }
}

/** Builds a `VmClient`; the same as `new VmClient(options)`. */
export function createVmClient(options?: ClientOptions): VmClient {
  return new VmClient(options);
}

function ack(res: { requestId: string }): Ack {
  return { requestId: res.requestId };
}
