/**
 * Imported first by the plugin's entry point, so that it runs before any other module loads: on
 * an older Node the HTTP client fails to load with a stack trace about require() of an ES module,
 * which says nothing about the fix. This exits with one line naming the Node found and the floor.
 */
import { isSupportedNode, unsupportedNodeMessage } from "./node-version";

if (!isSupportedNode(process.versions.node)) {
  process.stderr.write(`${unsupportedNodeMessage(process.versions.node, process.execPath)}\n`);
  process.exit(1);
}
