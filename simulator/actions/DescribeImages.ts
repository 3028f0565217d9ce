import { sameOsType } from "../../facts/rules";
import { IMAGES, findZone } from "../model/catalogue";
import { apiError } from "../protocol/errors";
import { optString, optStringArray, page } from "../protocol/params";
import type { ActionHandler } from "./context";

/**
 * DescribeImages: the public images, filtered by zone, ids, exact name, osType (`linux`/`windows`,
 * any case), category, imageType and imageStatus, then paged. An unknown zone is
 * INVALID_ZONE_NOT_FOUND, as the Go SDK lists. Every field is a string, `imageSize` too, as
 * Zenlayer's SDK types ImageInfo.
 */
export const DescribeImages: ActionHandler = (params) => {
  const zoneId = optString(params, "zoneId");
  const ids = optStringArray(params, "imageIds", 100);
  const imageName = optString(params, "imageName");
  const osType = optString(params, "osType");
  const category = optString(params, "category");
  const imageType = optString(params, "imageType");
  const imageStatus = optString(params, "imageStatus");
  if (zoneId && !findZone(zoneId)) throw apiError("INVALID_ZONE_NOT_FOUND", `The specified zoneId \`${zoneId}\` is not found.`);
  const images = IMAGES.filter((i) =>
    (!zoneId || i.zoneIds.includes(zoneId)) &&
    (!ids || ids.includes(i.imageId)) &&
    (!imageName || i.imageName === imageName) &&
    (!osType || sameOsType(i.osType, osType)) &&
    (!category || i.category.toLowerCase() === category.toLowerCase()) &&
    (!imageType || i.imageType === imageType) &&
    (!imageStatus || i.imageStatus === imageStatus));
  return page(images.map(({ zoneIds: _zones, imageSize, ...image }) => ({ ...image, imageSize: String(imageSize) })), params);
};
