import ArgumentParser

@main
struct HallmarkCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hallmark",
    abstract: "Keyed statistical watermarks for language-model output, and their detection.",
    subcommands: [
      KeygenCommand.self,
      KeyCommand.self,
      DetectCommand.self,
      ScanCommand.self,
      ExplainCommand.self,
      GenerateCommand.self,
      PerplexityCommand.self,
      SigningKeyCommand.self,
      TokenizeCommand.self,
      StudentCommand.self,
      ProbeCommand.self,
      ReportCommand.self,
      RadioactivityCommand.self,
    ])
}
