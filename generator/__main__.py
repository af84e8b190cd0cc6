from generator.cli.commands import main

main()
