package io.zqt.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** Title and authentication of the app's API documentation (/swagger-ui.html, /api-docs). */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
    info = @Info(title = "ZQT 政企通 API", version = "v1",
        description = "企业诉求受理与查询 / Intake and reading of enterprise cases. Codes: GET /api/reference. "
            + "Errors are RFC 9457 problem bodies (application/problem+json)."),
    security = @SecurityRequirement(name = "basic"))
@SecurityScheme(name = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
class OpenApiConfiguration {}
