# The worker image. Multi-stage: build with the SDK, run on the ASP.NET runtime as a non-root user.
# Running it against a host engine needs the Docker socket mounted, which gives the container
# root-equivalent power over that host: see docs/configuration.md before doing so.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig Reconciler.sln ./
COPY src/ src/
RUN dotnet publish src/Reconciler.Cli/Reconciler.Cli.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/runtime:10.0
RUN groupadd --system reconciler && useradd --system --gid reconciler --home /var/lib/reconciler --create-home reconciler
COPY --from=build /app /app
USER reconciler
WORKDIR /var/lib/reconciler
ENTRYPOINT ["dotnet", "/app/reconciler.dll"]
CMD ["--help"]
