"""The app's routes, one module per part of the cycle; every route is named and has a rule in
:data:`hrdmap.web.access.RULES`."""
