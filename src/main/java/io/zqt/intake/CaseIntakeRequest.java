package io.zqt.intake;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An enterprise request as the operator records it (受理). Codes come from {@code GET /api/reference}.
 * All fields are text so that a wrong value is reported per field rather than as unreadable JSON.
 */
@Schema(description = "企业诉求受理 / Intake of an enterprise request")
public record CaseIntakeRequest(
    @Schema(description = "企业名称", example = "烟台某某精密制造有限公司") String enterpriseName,
    @Schema(description = "统一社会信用代码 (GB 32100-2015)", example = "91370600MA3C5T9X48") String creditCode,
    @Schema(description = "联系人", example = "王经理") String contactName,
    @Schema(description = "联系电话：手机或固定电话", example = "13853512345") String contactPhone,
    @Schema(description = "所属区市代码", example = "ZHIFU") String district,
    @Schema(description = "诉求类型", example = "HELP",
        allowableValues = {"CONSULTATION", "HELP", "COMPLAINT", "SUGGESTION", "REPORT", "PRAISE"}) String type,
    @Schema(description = "诉求主题代码", example = "SOCIAL_INSURANCE") String topic,
    @Schema(description = "紧急程度，默认 NORMAL", example = "NORMAL", allowableValues = {"NORMAL", "URGENT"}) String urgency,
    @Schema(description = "标题", example = "新招员工社保登记办理咨询") String title,
    @Schema(description = "诉求内容") String description,
    @Schema(description = "受理渠道", example = "PHONE", allowableValues = {"PHONE", "WEB", "APP", "ONSITE", "MEETING"})
    String channel,
    @Schema(description = "幂等键：同一键重复提交只受理一次") String idempotencyKey) {}
