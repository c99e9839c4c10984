from gongkai.cli import main

raise SystemExit(main())
