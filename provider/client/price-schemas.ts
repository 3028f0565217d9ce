/**
 * zod schemas for the price inquiry answers. More tolerant than the instance schemas, because a
 * price is shown, never acted on: a number may arrive as a numeric string ("0.018"), any field may
 * be null or missing, a single `Price` may come where a list is documented, and unknown fields
 * pass through. A value that is neither a number nor a numeric string is read as absent.
 */
import { z } from "zod";

/** A number, or a string holding one; anything else (null, "", "n/a") is absent. */
const amount = z.unknown().optional().transform((value): number | undefined => {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && value.trim() !== "") {
    const parsed = Number(value.trim());
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
});
const text = z.unknown().optional().transform((value) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined));

const stepPrice = z.looseObject({ stepStart: amount, stepEnd: amount, unitPrice: amount, discountUnitPrice: amount });

/** One `Price`; a non-object is read as absent. */
export const priceSchema = z.looseObject({
  discount: amount,
  discountPrice: amount,
  originalPrice: amount,
  unitPrice: amount,
  discountUnitPrice: amount,
  chargeUnit: text,
  stepPrices: z.array(stepPrice).nullish().catch(undefined).transform((v) => v ?? []),
});
const optPrice = priceSchema.nullish().catch(undefined).transform((v) => v ?? undefined);
/** A list of prices; null or missing is empty, a lone object is a list of one. */
const priceList = z.preprocess(
  (value) => (value === null || value === undefined ? [] : Array.isArray(value) ? value : [value]),
  z.array(priceSchema.nullable()).transform((list) => list.filter((p): p is z.output<typeof priceSchema> => p !== null)),
);

const withRequestId = <T extends z.ZodRawShape>(shape: T) => z.looseObject({ requestId: z.string().nullish().transform((v) => v ?? undefined), ...shape });

/** Response schemas per price action (the object inside `response`). */
export const priceResponseSchemas = {
  InquiryPriceCreateInstance: withRequestId({
    instancePrice: optPrice,
    eipPrice: optPrice,
    bandwidthPrice: priceList,
    systemDiskPrice: optPrice,
    dataDiskPrice: optPrice,
  }),
  InquiryPriceInstanceBandwidth: withRequestId({ bandwidthPrice: priceList }),
  InquiryPriceInstanceTrafficPackage: withRequestId({ trafficPackagePrice: priceList }),
} as const;
