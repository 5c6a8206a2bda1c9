// ZQT: Tasklist additions — filled by the tasklist work. Listed in tasklist's config.js customScripts.
