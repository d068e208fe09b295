// /docs: Swagger UI (vendored from the swagger-ui-dist npm package) over this server's OpenAPI.
window.ui = SwaggerUIBundle({
  url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis], layout: "BaseLayout"
});
