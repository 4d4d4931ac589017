# ProductBrowser: published app on the ASP.NET runtime image.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY ProductBrowser/ProductBrowser.csproj ProductBrowser/
RUN dotnet restore ProductBrowser/ProductBrowser.csproj
COPY ProductBrowser/ ProductBrowser/
RUN dotnet publish ProductBrowser/ProductBrowser.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "ProductBrowser.dll"]
