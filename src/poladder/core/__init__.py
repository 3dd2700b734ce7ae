"""The core: pure rules over a loaded ladder and profile (routes, advice, assess, plans, teams), each
returning a result model."""
