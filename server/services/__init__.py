"""Services own the transactions: each public function takes the session and the
acting user, checks ownership (NotFound for anything that is not the user's),
and leaves committing to its caller's unit of work (`commit` at the view edge)."""
