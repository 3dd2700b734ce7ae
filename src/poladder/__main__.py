from poladder.cli import main

main()
