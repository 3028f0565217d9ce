import { INSTANCE_TYPES, INTERNET_CHARGE_TYPES, ZONES, findZone } from "../model/catalogue";
import { apiError } from "../protocol/errors";
import { optString, reqEnum } from "../protocol/params";
import type { ActionHandler } from "./context";

/** DescribeZoneInstanceConfigInfos: every instance type in every zone, filtered by zone and type. */
export const DescribeZoneInstanceConfigInfos: ActionHandler = (params) => {
  reqEnum(params, "instanceChargeType", ["POSTPAID", "PREPAID"] as const);
  const zoneId = optString(params, "zoneId");
  const instanceType = optString(params, "instanceType");
  if (zoneId && !findZone(zoneId)) throw apiError("INVALID_ZONE_NOT_FOUND", `The specified zoneId \`${zoneId}\` is not found.`);
  const instanceTypeQuotaSet = ZONES.filter((z) => !zoneId || z.zoneId === zoneId).flatMap((zone) =>
    INSTANCE_TYPES.filter((t) => !instanceType || t.instanceType === instanceType).map((t) => ({
      zoneId: zone.zoneId,
      instanceType: t.instanceType,
      instanceTypeName: t.instanceTypeName,
      cpuCount: t.cpuCount,
      memory: t.memory,
      internetChargeTypes: [...INTERNET_CHARGE_TYPES],
      internetMaxBandwidthOutLimit: t.internetMaxBandwidthOutLimit,
      frequency: t.frequency,
    })),
  );
  return { instanceTypeQuotaSet };
};
