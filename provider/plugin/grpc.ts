/**
 * gRPC and protobuf runtime of the provider protocol, taken from the program's `@pulumi/pulumi`
 * (the package's peer dependency): its generated protocol classes were built against exactly
 * these copies, so the plugin adds no dependency of its own and cannot mix two versions.
 */
import { createRequire } from "node:module";

const fromPulumi = createRequire(require.resolve("@pulumi/pulumi"));

export const grpc = fromPulumi("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
export const structPb = fromPulumi("google-protobuf/google/protobuf/struct_pb") as typeof import("google-protobuf/google/protobuf/struct_pb");
export const emptyPb = fromPulumi("google-protobuf/google/protobuf/empty_pb") as typeof import("google-protobuf/google/protobuf/empty_pb");
export const anyPb = fromPulumi("google-protobuf/google/protobuf/any_pb") as typeof import("google-protobuf/google/protobuf/any_pb");
