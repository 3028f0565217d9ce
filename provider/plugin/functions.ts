/**
 * The lookups as package functions (`zenlayer:index:getImage`, …): the same code as the Node.js
 * SDK's lookups (sdk/lookups.ts), with the credentials and endpoint resolved like the resource's
 * (provider configuration, then the environment).
 */
import type { CheckFailure } from "@pulumi/pulumi/dynamic";
import { connectionOf, resolveConnection } from "../lifecycle/runtime/settings";
import type { LookupOptions } from "../../sdk/lookups";
import { FUNCTIONS, PACKAGE_NAME } from "./schema";

type Props = Record<string, unknown>;

/**
 * Loaded on the first invoke: the lookups bring in the whole `@pulumi/pulumi` SDK (about a second),
 * which a plugin serving only resources never needs, and the engine waits for the plugin to start.
 */
const lookups = (): typeof import("../../sdk/lookups") => require("../../sdk/lookups");

/** The connection as the lifecycle resolves it; the client reads the scheme (any case) and refuses a wrong one. */
function lookupOptions(): LookupOptions {
  return connectionOf(resolveConnection());
}

const optionalString = (args: Props, key: string): string | undefined => (typeof args[key] === "string" ? (args[key] as string) : undefined);
const optionalNumber = (args: Props, key: string): number | undefined => (typeof args[key] === "number" ? (args[key] as number) : undefined);

function imageFilter(args: Props) {
  return {
    zoneId: optionalString(args, "zoneId"),
    osType: optionalString(args, "osType"),
    category: optionalString(args, "category"),
    nameRegex: optionalString(args, "nameRegex"),
  };
}

const IMPLEMENTATIONS: Record<keyof typeof FUNCTIONS, (args: Props) => Promise<Props>> = {
  getZones: async (args) => {
    const zoneIds = Array.isArray(args.zoneIds) ? args.zoneIds.filter((z): z is string => typeof z === "string") : undefined;
    return { zones: await lookups().getZones(zoneIds ? { zoneIds } : {}, lookupOptions()) };
  },
  getInstanceTypes: async (args) => {
    const chargeType = optionalString(args, "instanceChargeType");
    return {
      instanceTypes: await lookups().getInstanceTypes({
        zoneId: optionalString(args, "zoneId"),
        instanceChargeType: chargeType === "PREPAID" || chargeType === "POSTPAID" ? chargeType : undefined,
        minCpuCount: optionalNumber(args, "minCpuCount"),
        minMemory: optionalNumber(args, "minMemory"),
      }, lookupOptions()),
    };
  },
  getImages: async (args) => ({ images: await lookups().getImages(imageFilter(args), lookupOptions()) }),
  getImage: async (args) => ({ ...(await lookups().getImage(imageFilter(args), lookupOptions())) }),
};

/** Runs function `token`; an unknown token is reported as a failure, not thrown. */
export async function invokeFunction(token: string, args: Props): Promise<{ outputs?: Props; failures?: CheckFailure[] }> {
  const name = token.startsWith(`${PACKAGE_NAME}:index:`) ? token.slice(`${PACKAGE_NAME}:index:`.length) : "";
  const implementation = (IMPLEMENTATIONS as Record<string, ((args: Props) => Promise<Props>) | undefined>)[name];
  if (!implementation) {
    return { failures: [{ property: "", reason: `unknown function ${token}; this provider offers ${Object.keys(FUNCTIONS).map((f) => `${PACKAGE_NAME}:index:${f}`).join(", ")}` }] };
  }
  return { outputs: await implementation(args) };
}
