"""Operations: health checks (doctor), heartbeats, lockdown, logging, systemd notify."""
