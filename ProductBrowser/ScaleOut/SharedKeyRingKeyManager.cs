using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace ProductBrowser.ScaleOut;

/// <summary>
/// The framework's key manager, with one addition: the cached key ring also expires when
/// <see cref="SharedKeyRingRepository.Changed"/> fires, so a key another instance made is known here within seconds.
/// Without it the framework re-reads the ring only once a day (or, in its first two minutes, on an unknown key), and a
/// cookie protected elsewhere with a key made after that would be refused.
/// </summary>
public sealed class SharedKeyRingKeyManager(IKeyManager inner, SharedKeyRingRepository ring) : IKeyManager, IDisposable
{
    private readonly Lock _gate = new();
    private CancellationTokenSource? _linked;

    public IKey CreateNewKey(DateTimeOffset activationDate, DateTimeOffset expirationDate) =>
        inner.CreateNewKey(activationDate, expirationDate);

    public IReadOnlyCollection<IKey> GetAllKeys() => inner.GetAllKeys();

    public CancellationToken GetCacheExpirationToken()
    {
        var linked = CancellationTokenSource.CreateLinkedTokenSource(inner.GetCacheExpirationToken(), ring.Changed);
        CancellationTokenSource? previous;
        lock (_gate)
        {
            previous = _linked;
            _linked = linked;
        }

        // The framework asks once per ring it builds and watches only the newest token.
        previous?.Dispose();
        return linked.Token;
    }

    public void RevokeKey(Guid keyId, string? reason = null) => inner.RevokeKey(keyId, reason);

    public void RevokeAllKeys(DateTimeOffset revocationDate, string? reason = null) => inner.RevokeAllKeys(revocationDate, reason);

    public void Dispose()
    {
        lock (_gate)
        {
            _linked?.Dispose();
        }
    }
}
