import { parseInstanceSpec } from "../model/instance-spec";
import { quoteCreate } from "../pricing/pricing";
import type { ActionHandler } from "./context";

/**
 * InquiryPriceCreateInstance: the price of the instance CreateInstances would make from the same
 * parameters, validated by the same rules (without a password or key, which a price does not need).
 */
export const InquiryPriceCreateInstance: ActionHandler = (params) => quoteCreate(parseInstanceSpec(params, "quote"));
