// Set up event handlers
const reconnectModal = document.getElementById("components-reconnect-modal");
reconnectModal.addEventListener("components-reconnect-state-changed", handleReconnectStateChanged);

const retryButton = document.getElementById("components-reconnect-button");
retryButton.addEventListener("click", retry);

const resumeButton = document.getElementById("components-resume-button");
resumeButton.addEventListener("click", resume);

function handleReconnectStateChanged(event) {
    if (event.detail.state === "show") {
        reconnectModal.showModal();
    } else if (event.detail.state === "hide") {
        reconnectModal.close();
    } else if (event.detail.state === "failed") {
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
    } else if (event.detail.state === "rejected") {
        location.reload();
    } else if (event.detail.state === "paused" && !reconnectModal.open) {
        reconnectModal.showModal();
    }
}

// A stopping instance calls this (ScaleOut/CircuitPauseOnShutdown.cs) on every browser it serves. Pausing makes the
// framework persist the circuit's [PersistentState] (sent here, else kept in the shared Redis); resuming then starts a
// new circuit from it. The stopping instance refuses resumes (503) until it is gone and nginx sends this browser to
// another instance, so resuming is retried for a while. The call returns at once: the instance only asks.
window.productBrowserCircuit = {
    pauseAndMove() {
        setTimeout(pauseAndMove, 0);
    },
};

const moveDeadlineMilliseconds = 60_000;

async function pauseAndMove() {
    if (!await Blazor.pauseCircuit()) {
        return;
    }

    const deadline = Date.now() + moveDeadlineMilliseconds;
    let delay = 250;
    while (Date.now() < deadline) {
        try {
            if (await Blazor.resumeCircuit()) {
                reconnectModal.close();
            } else {
                // No instance knows the state any more: a fresh page (its drafts come back from browser storage).
                location.reload();
            }
            return;
        } catch {
            // Still the stopping instance, or nothing reachable yet.
            await new Promise(resolve => setTimeout(resolve, delay));
            delay = Math.min(delay * 2, 2_000);
        }
    }

    reconnectModal.classList.replace("components-reconnect-paused", "components-reconnect-resume-failed");
}

async function retry() {
    document.removeEventListener("visibilitychange", retryWhenDocumentBecomesVisible);

    try {
        // Reconnect will asynchronously return:
        // - true to mean success
        // - false to mean we reached the server, but it rejected the connection (e.g., unknown circuit ID)
        // - exception to mean we didn't reach the server (this can be sync or async)
        const successful = await Blazor.reconnect();
        if (!successful) {
            // We have been able to reach the server, but the circuit is no longer available.
            // We'll reload the page so the user can continue using the app as quickly as possible.
            const resumeSuccessful = await Blazor.resumeCircuit();
            if (!resumeSuccessful) {
                location.reload();
            } else {
                reconnectModal.close();
            }
        }
    } catch (err) {
        // We got an exception, server is currently unavailable
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
    }
}

async function resume() {
    try {
        const successful = await Blazor.resumeCircuit();
        if (!successful) {
            location.reload();
        }
    } catch {
        reconnectModal.classList.replace("components-reconnect-paused", "components-reconnect-resume-failed");
    }
}

async function retryWhenDocumentBecomesVisible() {
    if (document.visibilityState === "visible") {
        await retry();
    }
}
