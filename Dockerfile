# The worker image. Multi-stage: build with the SDK, run on the ASP.NET Core runtime as a non-root user.
# Running it against a host engine needs the Docker socket mounted, which gives the container
# root-equivalent power over that host: see docs/worker.md ("Running in a container") before doing so.
#   docker build -t reconciler .
#   docker run -d --name reconciler -v /etc/reconciler:/etc/reconciler:ro -v reconciler-state:/var/lib/reconciler \
#     -v /var/run/docker.sock:/var/run/docker.sock --group-add "$(stat -c %g /var/run/docker.sock)" reconciler
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig Reconciler.sln ./
COPY src/ src/
RUN dotnet publish src/Reconciler.Cli/Reconciler.Cli.csproj -c Release -o /app --nologo

# The worker hosts Kestrel (webhooks, /healthz, /readyz): it needs the ASP.NET Core shared framework, which the
# plain dotnet/runtime image does not have.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN groupadd --system reconciler && useradd --system --gid reconciler --home /var/lib/reconciler --create-home reconciler
COPY --from=build /app /app
USER reconciler
WORKDIR /var/lib/reconciler
# The port of server.listen in the configuration; the health check connects to it on loopback, so listen on
# 0.0.0.0:PORT (reachable from outside) or 127.0.0.1:PORT (health check only).
ENV RECONCILER_HEALTH_PORT=8080
EXPOSE 8080
# The image has neither curl nor wget, and dotnet cannot fetch a URL by itself: bash (part of every Debian and
# Ubuntu base) opens the TCP connection through /dev/tcp and the check passes only on an HTTP 200 from /healthz.
# --timeout bounds a hung connection.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${RECONCILER_HEALTH_PORT} && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && read -r _ status _ <&3 && [ \"$status\" = 200 ]"]
ENTRYPOINT ["dotnet", "/app/reconciler.dll"]
CMD ["run", "--config", "/etc/reconciler/reconciler.yaml"]
