import { requireResource } from "./ModifyResourceTags";
import type { ActionHandler } from "./context";

/** DescribeResourceTags (zrm): the tags of one resource, as `{totalCount, dataSet: [{key, value, createdDate}]}`. */
export const DescribeResourceTags: ActionHandler = (params, ctx) => {
  const { record } = requireResource(params, ctx);
  const dataSet = record.tags.map((t) => ({ key: t.key, value: t.value, createdDate: record.createTime }));
  return { totalCount: dataSet.length, dataSet };
};
