import { ZONES } from "../model/catalogue";
import { optStringArray } from "../protocol/params";
import type { ActionHandler } from "./context";

/** DescribeZones: the catalogue's zones, optionally only those in `zoneIds`. */
export const DescribeZones: ActionHandler = (params) => {
  const ids = optStringArray(params, "zoneIds", 100);
  const zones = ZONES.filter((z) => !ids || ids.includes(z.zoneId));
  return { zoneSet: zones.map((z) => ({ zoneId: z.zoneId, zoneName: z.zoneName })) };
};
