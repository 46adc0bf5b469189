package org.sarnakh.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Describes the API at {@code /api/v1/openapi.json} (browsable at {@code /api/docs}). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  @Bean
  OpenAPI sarnakhOpenApi() {
    return new OpenAPI()
        .info(new Info().title("Sarnakh API").version("v1")
            .description("Lead management: leads, their status, change log, activities and timeline; users, teams, "
                + "API keys; CRM records. JSON, camelCase, instants in UTC with three fraction digits, errors as RFC "
                + "9457 problem details, keyset lists with opaque cursors.")
            .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
        .components(new Components().addSecuritySchemes("bearer",
            new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("An API key (snk_…) or a session token (snt_…) from POST /api/v1/auth/tokens")))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }
}
