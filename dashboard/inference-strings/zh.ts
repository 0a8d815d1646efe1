/** Chinese words for inferred attribution (en.ts names them). */
import type { InferenceStrings } from "./en";

const inference: InferenceStrings = {
  infer_greeting: "问候语到达时没有代码",
  infer_greeting_edited: "问候语到达时已被修改",
  infer_tag_left: "消息中留有代码的标签",
  infer_language: "使用点击时的语言书写",
  infer_language_mismatch: "使用与点击不同的语言书写",
  infer_delay_fits: "在点击后不久发送",
  infer_delay_late: "在点击很久之后发送",
  infer_desktop_qr: "该点击在电脑上显示了二维码",
  infer_country: "手机号国家与点击的国家一致",
  infer_country_mismatch: "手机号国家与点击的国家不同",
  infer_sole_candidate: "唯一的近期点击",
  includeInferred: "包含推断的对话",
  inferredLeftOut: "已排除推断的对话。",
  inferScore: "可能性 {score}",
  destInferred: "推断的潜在客户",
  destInferredOn: "会发送",
  destInferredOff: "不发送（仅精确归因的潜在客户）",
  sendInferred: "发送推断的潜在客户",
  stopInferred: "仅发送精确归因的潜在客户",
};

export default inference;
